// Static assets: our CSS, scripts and icons, and the map library, served from memory.
// Each file gets a content-hashed URL (/static/declic.3f2a9c0d1e.css) that browsers may keep for a year,
// and its brotli and gzip bodies are made once at start (best quality: it is paid once, not per request).
// The set is small (~230 KB) and known at start, so a table lookup replaces a file server: no path ever
// reaches the file system, and a name not in the table is simply 404.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

const STATIC_DIR = fileURLToPath(new URL("./static/", import.meta.url));
const LEAFLET_DIR = fileURLToPath(new URL("../../node_modules/leaflet/dist/", import.meta.url));
/** Only what the map needs from the library's folder (not its sources or source maps). */
const LEAFLET_FILES = /^(leaflet\.(js|css)|images\/[\w-]+\.png)$/;

const TYPES: Record<string, string> = {
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};
const COMPRESSIBLE = new Set([".css", ".js", ".svg"]);

export type AssetEncoding = "br" | "gzip";

export interface Asset {
  /** The plain path, as pages name it: /static/declic.css */
  path: string;
  /** The content-hashed path: /static/declic.<hash>.css */
  hashedPath: string;
  type: string;
  hash: string;
  body: Buffer;
  encoded: Partial<Record<AssetEncoding, Buffer>>;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function hashedName(path: string, hash: string): string {
  const ext = extname(path);
  return `${path.slice(0, path.length - ext.length)}.${hash}${ext}`;
}

function readAsset(file: string, path: string): Asset | null {
  const type = TYPES[extname(file)];
  if (!type) return null;
  const body = readFileSync(file);
  const hash = createHash("sha256").update(body).digest("hex").slice(0, 10);
  return { path, hashedPath: hashedName(path, hash), type, hash, body, encoded: {} };
}

function readAll(): Asset[] {
  const ours = filesUnder(STATIC_DIR).map((file) => readAsset(file, `/static/${relative(STATIC_DIR, file)}`));
  const leaflet = filesUnder(LEAFLET_DIR)
    .filter((file) => LEAFLET_FILES.test(relative(LEAFLET_DIR, file)))
    .map((file) => readAsset(file, `/static/vendor/leaflet/${relative(LEAFLET_DIR, file)}`));
  return [...ours, ...leaflet].filter((asset): asset is Asset => asset !== null);
}

// Read once, when the module loads, so that pages can name hashed URLs before the server starts.
const ASSETS = readAll();
const BY_PATH = new Map<string, Asset>();
for (const asset of ASSETS) {
  BY_PATH.set(asset.path, asset);
  BY_PATH.set(asset.hashedPath, asset);
}

/** The URL a page should use for a static file: its hashed form when we serve it, else unchanged. */
export function assetUrl(path: string): string {
  return BY_PATH.get(path)?.hashedPath ?? path;
}

export function findAsset(path: string): { asset: Asset; immutable: boolean } | null {
  const asset = BY_PATH.get(path);
  return asset ? { asset, immutable: asset.hashedPath === path } : null;
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Compresses every compressible asset once; called while the server starts. */
export async function precompressAssets(): Promise<void> {
  await Promise.all(
    ASSETS.filter((asset) => COMPRESSIBLE.has(extname(asset.path)) && !asset.encoded.br).map(async (asset) => {
      const [br, gz] = await Promise.all([
        brotli(asset.body, {
          params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: asset.body.length },
        }),
        gzipAsync(asset.body, { level: 9 }),
      ]);
      // A compressed body is kept only when it is smaller.
      if (br.length < asset.body.length) asset.encoded.br = br;
      if (gz.length < asset.body.length) asset.encoded.gzip = gz;
    }),
  );
}

export function allAssets(): readonly Asset[] {
  return ASSETS;
}
