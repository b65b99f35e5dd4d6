// Offline entry of activity reports, on top of the form that works without it: registers the service
// worker that keeps the form on the phone; without network, a submitted report is kept on the phone
// (IndexedDB, encrypted with AES-GCM under a key the server gives only to a signed-in session of this
// person, stored non-extractable and deleted at sign-out) and sent when the network returns, with an id
// made here so that a repeated send never writes it twice. The panel above the form shows what waits
// and what was sent; a refused report stays on the phone with the reason until it is resolved.
(() => {
  const panel = document.getElementById("hors-ligne");
  const form = document.querySelector("form[data-offline]");
  if (!panel || !form || !window.indexedDB || !window.crypto?.subtle || !window.crypto.randomUUID) return;
  const endpoint = form.dataset.offline;
  const SENT_KEPT = 20;
  let csrfToken = null;
  let inflight = null;
  let notice = "";
  let registration = null;

  // IndexedDB: "keys" holds the AES key (a CryptoKey, never its bytes), "waiting" the encrypted reports,
  // "sent" what was sent (the server's link and the activity's date only).
  function openDb() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open("declic-hors-ligne", 1);
      request.onupgradeneeded = () => {
        request.result.createObjectStore("keys");
        request.result.createObjectStore("waiting", { keyPath: "clientId" });
        request.result.createObjectStore("sent", { keyPath: "clientId" });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }
  const dbReady = openDb();

  async function store(name, mode, work) {
    const db = await dbReady;
    return new Promise((resolve, reject) => {
      const tx = db.transaction(name, mode);
      const request = work(tx.objectStore(name));
      tx.oncomplete = () => resolve(request?.result);
      tx.onerror = () => reject(tx.error);
    });
  }
  const getAll = (name) => store(name, "readonly", (s) => s.getAll());
  const put = (name, value, key) => store(name, "readwrite", (s) => s.put(value, key));
  const remove = (name, key) => store(name, "readwrite", (s) => s.delete(key));
  const currentKey = () => store("keys", "readonly", (s) => s.get("current"));

  function bytesOf(base64) {
    return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  }

  /** Asks the server for this person's key and a fresh form token: "ok", "signed-out", "refused" or "offline". */
  async function refreshKey() {
    let response;
    try {
      response = await fetch(`${endpoint}/cle`, { credentials: "same-origin", headers: { accept: "application/json" }, cache: "no-store" });
    } catch {
      return "offline";
    }
    if (response.status === 401 || response.status === 403) {
      await remove("keys", "current");
      return response.status === 401 ? "signed-out" : "refused";
    }
    if (!response.ok) return "offline";
    const body = await response.json();
    csrfToken = body.csrfToken;
    const key = await crypto.subtle.importKey("raw", bytesOf(body.key), "AES-GCM", false, ["encrypt", "decrypt"]);
    await put("keys", key, "current");
    return "ok";
  }

  async function encrypt(key, value) {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const data = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, new TextEncoder().encode(JSON.stringify(value)));
    return { iv, data };
  }

  async function decrypt(key, item) {
    const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: item.iv }, key, item.data);
    return JSON.parse(new TextDecoder().decode(plain));
  }

  function frenchDate(iso) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? "");
    return match ? `${match[3]}/${match[2]}/${match[1]}` : "date non indiquée";
  }

  function element(tag, text, attributes = {}) {
    const node = document.createElement(tag);
    if (text) node.textContent = text;
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    return node;
  }

  function button(text, onClick) {
    const node = element("button", text, { type: "button", class: "button button--secondary" });
    node.addEventListener("click", onClick);
    return node;
  }

  const STATES = {
    waiting: "En attente du réseau.",
    conflict: "Non envoyé :",
    invalid: "À corriger :",
    refused: "Non envoyé :",
    locked: "Saisi avec une autre session : il partira quand la personne qui l'a saisi se reconnectera.",
  };

  async function render() {
    const [waiting, sent] = await Promise.all([getAll("waiting"), getAll("sent")]);
    waiting.sort((a, b) => a.savedAt.localeCompare(b.savedAt));
    sent.sort((a, b) => b.sentAt.localeCompare(a.sentAt));
    const nodes = [element("h2", "Sur ce téléphone")];
    const status = element("p", notice || (navigator.onLine ? "" : "Vous êtes hors connexion : vos comptes rendus restent sur ce téléphone et partiront au retour du réseau."), {
      role: "status",
      class: "offline-reports__status",
    });
    nodes.push(status);
    if (waiting.length > 0) {
      nodes.push(element("h3", `En attente d'envoi (${waiting.length})`));
      const list = element("ul", "", { class: "offline-reports__list" });
      for (const item of waiting) {
        const li = element("li", `Compte rendu du ${frenchDate(item.date)}. `);
        li.append(element("span", item.state === "waiting" || item.state === "locked" ? STATES[item.state] : `${STATES[item.state]} ${item.message}`));
        if (item.state !== "waiting" && item.state !== "locked") {
          li.append(button("Reprendre dans le formulaire", () => resume(item)));
          li.append(button("Abandonner ce compte rendu", () => discard(item)));
        }
        list.append(li);
      }
      nodes.push(list);
    }
    if (sent.length > 0) {
      nodes.push(element("h3", `Envoyés (${sent.length})`));
      const list = element("ul", "", { class: "offline-reports__list" });
      for (const item of sent) {
        const li = element("li");
        li.append(element("a", `Compte rendu du ${frenchDate(item.date)}`, { href: item.url }));
        li.append(` : ${item.replay ? "déjà reçu" : "envoyé"} le ${new Date(item.sentAt).toLocaleString("fr-FR")}.`);
        list.append(li);
      }
      nodes.push(list);
    }
    if (waiting.length === 0 && sent.length === 0 && !status.textContent) {
      status.textContent = "Sans réseau, ce formulaire reste utilisable : les comptes rendus sont gardés sur ce téléphone et envoyés au retour du réseau.";
    }
    panel.replaceChildren(...nodes);
    panel.dataset.waiting = String(waiting.length);
    panel.dataset.sent = String(sent.length);
  }

  function say(text) {
    notice = text;
    return render();
  }

  /** Keeps the submitted report on the phone instead of posting it. */
  async function keep() {
    const key = await currentKey();
    if (!key) {
      await say("Ce compte rendu n'a pas pu être gardé : ouvrez ce formulaire une fois avec du réseau, connecté, pour pouvoir saisir sans réseau. Ce que vous avez tapé est toujours dans le formulaire.");
      return;
    }
    const fields = [...new FormData(form).entries()].filter(([name]) => name !== "_csrf");
    const date = String(new FormData(form).get("date") ?? "");
    const { iv, data } = await encrypt(key, { fields, query: new URL(form.action).search });
    const clientId = crypto.randomUUID();
    await put("waiting", { clientId, iv, data, date, savedAt: new Date().toISOString(), state: "waiting", message: "" });
    if (form.dataset.replaces) await remove("waiting", form.dataset.replaces);
    delete form.dataset.replaces;
    form.reset();
    await say(`Compte rendu du ${frenchDate(date)} gardé sur ce téléphone : il sera envoyé au retour du réseau.`);
    panel.scrollIntoView();
  }

  function problemText(problem) {
    const fields = (problem.errors ?? []).map((e) => e.message).join(" ");
    return `${problem.detail ?? problem.title ?? "Refusé par le serveur."}${fields ? ` ${fields}` : ""}`;
  }

  /** Sends what waits, oldest first; a second call while sending waits for the same round. */
  function sendWaiting() {
    if (!navigator.onLine) return Promise.resolve();
    inflight ??= sendRound().finally(() => {
      inflight = null;
    });
    return inflight;
  }

  /** One round; stops at the first sign that the network or the session is gone. */
  async function sendRound() {
    try {
      const waiting = (await getAll("waiting")).filter((item) => item.state === "waiting" || item.state === "locked");
      if (waiting.length === 0) return;
      const access = await refreshKey();
      if (access === "signed-out") return await say("Votre session a expiré : reconnectez-vous. Vos comptes rendus restent sur ce téléphone et partiront ensuite.");
      if (access === "refused") return await say("Ce compte ne permet pas d'envoyer des comptes rendus : ils restent sur ce téléphone.");
      if (access !== "ok") return;
      const key = await currentKey();
      let sentNow = 0;
      for (const item of waiting.sort((a, b) => a.savedAt.localeCompare(b.savedAt))) {
        let content;
        try {
          content = await decrypt(key, item);
        } catch {
          if (item.state !== "locked") await put("waiting", { ...item, state: "locked" });
          continue;
        }
        let outcome = await post(item, content);
        // The form token changed meanwhile (another tab, a new sign-in): a fresh one, once.
        if (outcome === "token" && (await refreshKey()) === "ok") outcome = await post(item, content);
        if (outcome === "stop" || outcome === "token") break;
        if (outcome === "sent") sentNow++;
      }
      if (sentNow > 0) notice = `${sentNow === 1 ? "1 compte rendu envoyé" : `${sentNow} comptes rendus envoyés`}.`;
    } finally {
      await render();
    }
  }

  async function post(item, content) {
    const body = new URLSearchParams(content.fields);
    body.set("clientId", item.clientId);
    let response;
    try {
      response = await fetch(`${endpoint}${content.query}`, {
        method: "POST",
        credentials: "same-origin",
        headers: { accept: "application/json", "content-type": "application/x-www-form-urlencoded", "x-csrf-token": csrfToken },
        body,
      });
    } catch {
      return "stop";
    }
    if (response.ok) {
      const answer = await response.json();
      await put("sent", { clientId: item.clientId, url: answer.url, date: item.date, sentAt: new Date().toISOString(), replay: answer.status === "already_received" });
      await remove("waiting", item.clientId);
      await trimSent();
      return "sent";
    }
    const problem = await response.json().catch(() => ({}));
    if (response.status === 401) {
      notice = "Votre session a expiré : reconnectez-vous. Vos comptes rendus restent sur ce téléphone et partiront ensuite.";
      return "stop";
    }
    if (problem.code === "csrf_invalid") return "token";
    if (response.status >= 500 || response.status === 429) return "stop";
    const state = response.status === 409 ? "conflict" : response.status === 403 ? "refused" : "invalid";
    await put("waiting", { ...item, state, message: problemText(problem) });
    return "kept";
  }

  async function trimSent() {
    const sent = (await getAll("sent")).sort((a, b) => b.sentAt.localeCompare(a.sentAt));
    for (const old of sent.slice(SENT_KEPT)) await remove("sent", old.clientId);
  }

  /** Puts a refused report back in the form; the copy on the phone goes only when the form is submitted. */
  async function resume(item) {
    const key = await currentKey();
    const content = key ? await decrypt(key, item).catch(() => null) : null;
    if (!content) return say("Ce compte rendu ne peut pas être ouvert avec la session actuelle.");
    const values = new Map();
    for (const [name, value] of content.fields) values.set(name, [...(values.get(name) ?? []), value]);
    for (const field of form.elements) {
      if (!field.name || field.name === "_csrf" || field.type === "hidden") continue;
      const given = values.get(field.name) ?? [];
      if (field.type === "checkbox" || field.type === "radio") field.checked = given.includes(field.value);
      else if (field.tagName === "SELECT" && field.multiple) for (const option of field.options) option.selected = given.includes(option.value);
      else field.value = given[0] ?? "";
    }
    form.dataset.replaces = item.clientId;
    await say(`Le compte rendu du ${frenchDate(item.date)} est dans le formulaire : corrigez-le puis enregistrez.`);
    form.querySelector("input:not([type=hidden]), select, textarea")?.focus();
  }

  async function discard(item) {
    if (!window.confirm(`Abandonner le compte rendu du ${frenchDate(item.date)} ? Il sera effacé de ce téléphone.`)) return;
    await remove("waiting", item.clientId);
    await say(`Compte rendu du ${frenchDate(item.date)} abandonné.`);
  }

  form.addEventListener("submit", (event) => {
    if (form.dataset.replaces && navigator.onLine) {
      remove("waiting", form.dataset.replaces);
      return;
    }
    if (navigator.onLine) return;
    event.preventDefault();
    keep();
  });

  // Signing out: the key and the copies of the form leave the phone before the session ends.
  for (const signOut of document.querySelectorAll('form[action="/deconnexion"], form[action="/deconnexion/partout"]')) {
    signOut.addEventListener("submit", async (event) => {
      event.preventDefault();
      await remove("keys", "current");
      await messageWorker({ type: "clear" });
      signOut.submit();
    });
  }

  function messageWorker(message) {
    const worker = navigator.serviceWorker?.controller ?? registration?.active;
    if (!worker) return Promise.resolve();
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      worker.postMessage(message, [channel.port2]);
    });
  }

  async function start() {
    if (navigator.serviceWorker) {
      registration = await navigator.serviceWorker.register(panel.dataset.serviceWorker, { scope: panel.dataset.scope }).catch(() => null);
    }
    await render();
    if (navigator.onLine) {
      await refreshKey();
      await sendWaiting();
      if (registration) {
        registration = await navigator.serviceWorker.ready;
        await messageWorker({ type: "refresh" });
      }
    }
    panel.dataset.ready = "true";
  }

  window.addEventListener("online", () => {
    notice = "";
    sendWaiting();
  });
  window.addEventListener("offline", () => {
    notice = "";
    render();
  });
  start();
})();
