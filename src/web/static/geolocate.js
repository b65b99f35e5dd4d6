// « Utiliser ma position »: with the person's permission, search around where they are.
// Added by script only, so people without JavaScript never see a button that cannot work.
(() => {
  const form = document.querySelector("form.search-form");
  const field = form?.querySelector("input[name=q]");
  if (!field || !navigator.geolocation) return;

  const button = document.createElement("button");
  button.type = "button";
  button.className = "button button--secondary geolocate";
  button.textContent = "Utiliser ma position";
  const status = document.createElement("p");
  status.className = "hint";
  status.setAttribute("role", "status");
  field.parentNode.appendChild(button);
  field.parentNode.appendChild(status);

  button.addEventListener("click", () => {
    status.textContent = "Recherche de votre position…";
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const params = new URLSearchParams(new FormData(form));
        params.delete("q");
        params.delete("commune");
        params.delete("page");
        params.set("lat", position.coords.latitude.toFixed(4));
        params.set("lon", position.coords.longitude.toFixed(4));
        window.location.href = `${form.getAttribute("action")}?${params.toString()}`;
      },
      () => {
        button.disabled = false;
        status.textContent = "Votre position n'est pas disponible. Saisissez votre commune ou votre code postal.";
      },
      { timeout: 10000, maximumAge: 600000 },
    );
  });
})();
