// Where the pieces of offline report entry live: the service worker's URL and scope, the manifest,
// the page script and the endpoint that receives reports sent from the phone.
export const OFFLINE_SCOPE = "/activites/";
export const SERVICE_WORKER_URL = "/activites/service-worker.js";
export const MANIFEST_URL = "/activites/manifest.webmanifest";
export const OFFLINE_SCRIPT = "/static/offline-report.js";
export const OFFLINE_ENDPOINT = "/activites/hors-ligne";
