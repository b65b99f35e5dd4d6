// The map of the search results: an enhancement of the list, which stays the main way to read them.
// Its data comes from <script type="application/json" id="carte-donnees"> (data, never run: the CSP allows it).
// With no tile server configured, it draws only the commune boundary, the radius and the places.
(() => {
  const source = document.getElementById("carte-donnees");
  const container = document.getElementById("carte");
  const L = window.L;
  if (!source || !container || !L) return;
  let data;
  try {
    data = JSON.parse(source.textContent || "");
  } catch (_error) {
    return;
  }
  if (!data.markers || data.markers.length === 0) return;

  const css = "/static/vendor/leaflet/leaflet.css";
  if (!document.querySelector(`link[href="${css}"]`)) {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = css;
    document.head.appendChild(link);
  }

  container.hidden = false;
  container.setAttribute("role", "region");
  container.setAttribute("aria-label", "Carte des lieux d'aide : les mêmes lieux que la liste ci-dessous");

  // keyboard: false keeps the map itself out of the tab order; its zoom buttons stay reachable.
  const map = L.map(container, { keyboard: false, scrollWheelZoom: false, zoomControl: false, attributionControl: Boolean(data.tileUrl) });
  L.control.zoom({ zoomInTitle: "Agrandir la carte", zoomOutTitle: "Réduire la carte" }).addTo(map);
  if (data.tileUrl) L.tileLayer(data.tileUrl, { attribution: data.attribution || "", maxZoom: 18 }).addTo(map);

  const primary = getComputedStyle(document.documentElement).getPropertyValue("--primary").trim() || "#00577a";
  // Layers are built first and added once the view is set: Leaflet cannot draw vectors on a map without one.
  const layers = [];
  const bounds = L.latLngBounds([]);
  if (data.boundary) {
    const boundary = L.geoJSON(data.boundary, { interactive: false, style: { color: "#444", weight: 2, fill: false } });
    layers.push(boundary);
    bounds.extend(boundary.getBounds());
  }
  if (data.centre && data.radiusKm) {
    layers.push(L.circle(data.centre, { radius: data.radiusKm * 1000, interactive: false, color: primary, weight: 1, dashArray: "4 6", fill: false }));
    bounds.extend(data.centre);
  }
  for (const m of data.markers) {
    const marker = L.circleMarker([m.lat, m.lon], { radius: 9, color: "#fff", weight: 2, fillColor: primary, fillOpacity: 1 });
    const popup = document.createElement("div");
    const link = document.createElement("a");
    link.href = m.url;
    link.textContent = m.name;
    popup.appendChild(link);
    if (m.detail) {
      const detail = document.createElement("p");
      detail.textContent = m.detail;
      popup.appendChild(detail);
    }
    marker.bindPopup(popup);
    layers.push(marker);
    bounds.extend([m.lat, m.lon]);
  }
  map.fitBounds(bounds, { padding: [24, 24], maxZoom: 14 });
  for (const layer of layers) layer.addTo(map);
  map.on("popupopen", (event) => {
    const close = event.popup.getElement()?.querySelector(".leaflet-popup-close-button");
    if (close) close.setAttribute("aria-label", "Fermer");
  });
})();
