/* The innovation map: a basemap of South Sulawesi's land (served by this site, built by
   scripts/build_basemap.py), one marker per region with its count, and three ways to read
   them: circle size, colour class by count, or the region's innovation index (colour by its
   predicate, from the index API once one is computed). The table beside it carries the
   counts. */
(function () {
  "use strict";
  var container = document.getElementById("innovation-map");
  if (!container || !window.L) { return; }
  var dataElement = document.getElementById(container.getAttribute("data-markers-id"));
  var regions = dataElement ? JSON.parse(dataElement.textContent) : [];
  var text = JSON.parse(document.getElementById("map-text").textContent);
  container.textContent = "";
  container.classList.add("map-canvas--live");

  // South Sulawesi, from Selayar in the south to Luwu Utara in the north.
  var bounds = L.latLngBounds([-7.6, 117.9], [-1.8, 121.9]);
  var map = L.map(container, {
    scrollWheelZoom: false,
    zoomControl: false,
    zoomSnap: 0.25,
    maxBounds: bounds.pad(0.5),
    attributionControl: true
  });
  L.control.zoom({ zoomInTitle: text.zoomIn, zoomOutTitle: text.zoomOut }).addTo(map);
  map.attributionControl.setPrefix(false);

  var tileUrl = container.getAttribute("data-tile-url");
  if (tileUrl) {
    L.tileLayer(tileUrl, {
      maxZoom: 14,
      attribution: container.getAttribute("data-tile-attribution") || ""
    }).addTo(map);
  }
  var basemapUrl = container.getAttribute("data-basemap-url");
  if (basemapUrl && window.fetch) {
    fetch(basemapUrl).then(function (response) { return response.json(); }).then(function (land) {
      L.geoJSON(land, {
        interactive: false,
        style: { color: "#8a9a8f", weight: 1, fillColor: "#f3f1e7", fillOpacity: 1 }
      }).addTo(map).bringToBack();
      container.setAttribute("data-basemap", "loaded");
    });
  }

  // Colour classes for the choropleth mode: equal steps up to the largest count.
  var maximum = regions.reduce(function (top, region) { return Math.max(top, region.count); }, 0);
  var palette = ["#d9efe3", "#9fd3b5", "#4fa77a", "#0b5d3b"];
  function colourClass(count) {
    if (!maximum) { return 0; }
    return Math.min(palette.length - 1, Math.floor((count / maximum) * palette.length - 1e-9));
  }
  function radius(count) {
    var small = container.clientWidth < 480;
    var base = small ? 12 : 13;
    return Math.min(small ? 20 : 28, base + Math.round(Math.sqrt(count) * (small ? 2 : 3)));
  }

  var markers = regions.map(function (region) {
    var link = document.createElement("a");
    link.href = region.url;
    link.textContent = region.name + ": " + region.count;
    var marker = L.marker([region.lat, region.lon], {
      icon: L.divIcon({ className: "map-marker" }),  // no default PNG icon to fetch first
      title: region.name,
      alt: region.name + " (" + region.count + ")",
      riseOnHover: true
    }).bindPopup(link).addTo(map);
    marker.region = region;
    marker.home = L.latLng(region.lat, region.lon);
    return marker;
  });

  // The regional innovation index by BPS code, filled when the index API answers.
  var regionIndex = null;
  var numberFormat = new Intl.NumberFormat(document.documentElement.lang || "id", { maximumFractionDigits: 0 });

  var mode = "size";
  function markerLook(marker) {
    var count = marker.region.count;
    if (mode === "index") {
      var entry = regionIndex[marker.region.code];
      return {
        className: "map-marker--index map-marker--index-" + (entry ? entry.predicate_class : "none"),
        label: entry ? numberFormat.format(entry.score) : "–",
        title: marker.region.name + ": " + (entry ? numberFormat.format(entry.score) + " (" + entry.predicate + ")" : text.noIndex)
      };
    }
    return {
      className: mode === "colour" ? "map-marker--step" + colourClass(count) : "",
      label: String(count),
      title: marker.region.name + ": " + count
    };
  }
  function drawIcons() {
    markers.forEach(function (marker) {
      var r = mode === "size" ? radius(marker.region.count) : 13;
      var look = markerLook(marker);
      var label = document.createElement("span");
      label.textContent = look.label;
      marker.r = r;
      marker.setIcon(L.divIcon({
        className: "map-marker map-marker--" + mode + " " + look.className,
        html: label,
        iconSize: [2 * r, 2 * r],
        iconAnchor: [r, r]
      }));
      var element = marker.getElement();
      // The visible label is only a number: the name says whose and of what.
      if (element) { element.title = look.title; element.setAttribute("aria-label", look.title); }
    });
  }

  // Markers that would overlap at this zoom (Makassar and Gowa, or most of them on a phone)
  // are pushed apart a little at a time; a thin line keeps each tied to its true place.
  var leaders = L.layerGroup().addTo(map);
  function spread() {
    var points = markers.map(function (marker) { return map.latLngToLayerPoint(marker.home); });
    var homes = points.map(function (point) { return point.clone(); });
    for (var round = 0; round < 60; round++) {
      var moved = false;
      for (var i = 0; i < points.length; i++) {
        for (var j = i + 1; j < points.length; j++) {
          var dx = points[j].x - points[i].x;
          var dy = points[j].y - points[i].y;
          var distance = Math.sqrt(dx * dx + dy * dy) || 0.01;
          var needed = markers[i].r + markers[j].r + 4;
          if (distance < needed) {
            var push = (needed - distance) / 2;
            var ux = dx / distance;
            var uy = distance === 0.01 ? 1 : dy / distance;
            points[i] = L.point(points[i].x - ux * push, points[i].y - uy * push);
            points[j] = L.point(points[j].x + ux * push, points[j].y + uy * push);
            moved = true;
          }
        }
      }
      if (!moved) { break; }
    }
    leaders.clearLayers();
    markers.forEach(function (marker, index) {
      var position = map.layerPointToLatLng(points[index]);
      marker.setLatLng(position);
      if (points[index].distanceTo(homes[index]) > marker.r) {
        L.polyline([marker.home, position], { color: "#1b1f23", weight: 1, interactive: false }).addTo(leaders);
        L.circleMarker(marker.home, { radius: 2, color: "#1b1f23", weight: 1, fillOpacity: 1, interactive: false }).addTo(leaders);
      }
    });
  }

  var legend = L.control({ position: "bottomleft" });
  legend.onAdd = function () {
    var box = L.DomUtil.create("fieldset", "map-modes");
    var title = L.DomUtil.create("legend", "", box);
    title.textContent = text.mode;
    [["size", text.bySize], ["colour", text.byColour]].forEach(function (option) {
      var label = L.DomUtil.create("label", "map-modes__option", box);
      var input = L.DomUtil.create("input", "", label);
      input.type = "radio";
      input.name = "map-mode";
      input.value = option[0];
      input.checked = option[0] === mode;
      label.appendChild(document.createTextNode(" " + option[1]));
    });
    var scale = L.DomUtil.create("ol", "map-scale", box);
    scale.hidden = true;
    var predicateScale = L.DomUtil.create("ul", "map-scale map-scale--index", box);
    predicateScale.hidden = true;
    palette.forEach(function (colour, step) {
      var item = L.DomUtil.create("li", "map-scale__step map-marker--step" + step, scale);
      var low = Math.floor((step / palette.length) * maximum) + (step ? 1 : 0);
      var high = Math.floor(((step + 1) / palette.length) * maximum);
      item.textContent = low >= high ? String(high) : low + "–" + high;
    });
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.on(box, "change", function (event) {
      mode = event.target.value;
      container.setAttribute("data-mode", mode);
      scale.hidden = mode !== "colour";
      predicateScale.hidden = mode !== "index";
      drawIcons();
      spread();
    });
    // The index option appears once the index API has values for the regions.
    legend.addIndexOption = function (year, predicates) {
      var label = L.DomUtil.create("label", "map-modes__option");
      box.insertBefore(label, scale);
      var input = L.DomUtil.create("input", "", label);
      input.type = "radio";
      input.name = "map-mode";
      input.value = "index";
      label.appendChild(document.createTextNode(" " + text.byIndex.replace("{year}", year)));
      box.appendChild(predicateScale);
      predicates.forEach(function (predicate) {
        var item = L.DomUtil.create("li", "map-scale__step map-marker--index-" + predicate["class"], predicateScale);
        item.textContent = predicate.name + " (" + predicate.band + ")";
      });
    };
    return box;
  };
  legend.addTo(map);
  container.setAttribute("data-mode", mode);

  var points = markers.map(function (marker) { return marker.home; });
  map.fitBounds(points.length ? L.latLngBounds(points).pad(0.1) : bounds);
  drawIcons();
  spread();
  map.on("zoomend", spread);

  var indexUrl = container.getAttribute("data-index-url");
  if (indexUrl && window.fetch) {
    fetch(indexUrl).then(function (response) { return response.ok ? response.json() : null; }).then(function (data) {
      if (!data || !data.items || !data.items.length) { return; }
      regionIndex = {};
      data.items.forEach(function (item) { regionIndex[item.region_bps_code] = item; });
      legend.addIndexOption(data.year, data.predicates || []);
      container.setAttribute("data-index", "loaded");
    });
  }
})();
