// Suggestions as you type for commune fields (ARIA 1.2 combobox with a list popup), in two uses:
// the commune search (choosing a commune opens its results) and filter fields marked
// data-commune-field (choosing fills the field with the commune's name). Without this script both
// still work: the server finds the commune from the typed name or code.
(() => {
  if (!window.fetch) return;
  const search = document.querySelector("form[data-commune-search]");
  const searchInput = search?.querySelector("input[name=q]");
  if (searchInput) {
    enhance(searchInput, search, (option) => {
      window.location.href = `/trouver-de-l-aide?commune=${encodeURIComponent(option.code)}`;
    });
  }
  for (const field of document.querySelectorAll("input[data-commune-field]")) {
    enhance(field, field.form ?? field.parentNode, (option, input, close) => {
      input.value = option.nom;
      close();
    });
  }

function enhance(input, container, choose) {
  const list = document.createElement("ul");
  list.id = `${input.id}-suggestions`;
  list.className = "combobox__list";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Communes suggérées");
  list.hidden = true;
  const status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  input.parentNode.appendChild(list);
  container.appendChild(status);

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("autocomplete", "off");

  let options = [];
  let active = -1;
  let timer = 0;
  let lastQuery = "";
  let controller = null;

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function go(option) {
    choose(option, input, close);
  }

  function highlight(index) {
    active = index;
    options.forEach((o, i) => {
      o.el.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", options[index].el.id);
      options[index].el.scrollIntoView({ block: "nearest" });
    } else input.removeAttribute("aria-activedescendant");
  }

  // Close spellings (the API's orthographe_proche) are offered under « Vouliez-vous dire : ».
  function render(communes, closeSpellings) {
    list.textContent = "";
    list.classList.toggle("combobox__list--spelling", closeSpellings);
    list.setAttribute("aria-label", closeSpellings ? "Vouliez-vous dire" : "Communes suggérées");
    options = communes.map((c, i) => {
      const el = document.createElement("li");
      el.id = `${input.id}-option-${i}`;
      el.className = "combobox__option";
      el.setAttribute("role", "option");
      el.setAttribute("aria-selected", "false");
      el.textContent = `${c.nom} (${c.codes_postaux.join(", ")})`;
      el.addEventListener("mousedown", (event) => {
        event.preventDefault();
        go(c);
      });
      list.appendChild(el);
      return { el, code: c.code, nom: c.nom };
    });
    // The previous options are gone: no option is active any more.
    active = -1;
    input.removeAttribute("aria-activedescendant");
    const open = options.length > 0;
    list.hidden = !open;
    input.setAttribute("aria-expanded", open ? "true" : "false");
    const proposed = `${options.length} commune${options.length > 1 ? "s" : ""} proposée${options.length > 1 ? "s" : ""}`;
    status.textContent = !open
      ? "Aucune commune proposée."
      : closeSpellings
        ? `Aucune commune ne s'écrit ainsi. Vouliez-vous dire : ${proposed} à l'orthographe proche. Flèches haut et bas pour choisir.`
        : `${proposed}. Flèches haut et bas pour choisir.`;
  }

  // The list is marked aria-busy from a keystroke until the suggestions for the current text are shown.
  function settled(q) {
    if (input.value.trim() === q) list.removeAttribute("aria-busy");
  }

  async function suggest() {
    const q = input.value.trim();
    if (q === lastQuery) {
      settled(q);
      return;
    }
    lastQuery = q;
    if (q.length < 2) {
      // Too short to search: empty the list silently rather than announce « Aucune commune proposée ».
      if (controller) controller.abort();
      options = [];
      list.textContent = "";
      status.textContent = "";
      close();
      settled(q);
      return;
    }
    if (controller) controller.abort();
    controller = new AbortController();
    try {
      const response = await fetch(`/api/v1/communes?q=${encodeURIComponent(q)}&limite=8`, {
        headers: { accept: "application/json" },
        signal: controller.signal,
      });
      if (!response.ok) return;
      const body = await response.json();
      if (input.value.trim() === q) render(body.communes || [], body.orthographe_proche === true);
    } catch (_error) {
      // Offline or aborted: the plain form still works.
    } finally {
      settled(q);
    }
  }

  input.addEventListener("input", () => {
    list.setAttribute("aria-busy", "true");
    clearTimeout(timer);
    timer = setTimeout(suggest, 150);
  });
  input.addEventListener("keydown", (event) => {
    if ((event.key === "ArrowDown" || event.key === "ArrowUp") && options.length) {
      event.preventDefault();
      if (list.hidden) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
      if (event.key === "ArrowDown") highlight((active + 1) % options.length);
      else highlight(active <= 0 ? options.length - 1 : active - 1);
    } else if (event.key === "Enter" && active >= 0 && !list.hidden) {
      event.preventDefault();
      go(options[active]);
    } else if (event.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 100));
  // Coming back with the browser's Back button restores the page as it was left: with the list open.
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) close();
  });
}
})();
