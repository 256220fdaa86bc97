/* The innovation map: Leaflet markers per region. The table next to it carries the same data. */
(function () {
  "use strict";
  var container = document.getElementById("innovation-map");
  if (!container || !window.L) { return; }
  var dataElement = document.getElementById(container.getAttribute("data-markers-id"));
  var markers = dataElement ? JSON.parse(dataElement.textContent) : [];
  container.hidden = false;

  // South Sulawesi, from Selayar in the south to Luwu Utara in the north.
  var bounds = L.latLngBounds([-7.6, 117.9], [-1.8, 121.9]);
  var map = L.map(container, { scrollWheelZoom: false, maxBounds: bounds.pad(0.5) });
  var tileUrl = container.getAttribute("data-tile-url");
  if (tileUrl) {
    L.tileLayer(tileUrl, {
      maxZoom: 14,
      attribution: container.getAttribute("data-tile-attribution") || ""
    }).addTo(map);
  }
  var points = [];
  markers.forEach(function (marker) {
    var size = Math.min(56, 24 + Math.round(Math.sqrt(marker.count) * 4));
    var icon = L.divIcon({
      className: "map-marker",
      html: String(marker.count),
      iconSize: [size, size]
    });
    var link = document.createElement("a");
    link.href = marker.url;
    link.textContent = marker.name + ": " + marker.count;
    L.marker([marker.lat, marker.lon], { icon: icon, title: marker.name, alt: marker.name + " (" + marker.count + ")" })
      .bindPopup(link)
      .addTo(map);
    points.push([marker.lat, marker.lon]);
  });
  map.fitBounds(points.length ? L.latLngBounds(points).pad(0.2) : bounds);
})();
