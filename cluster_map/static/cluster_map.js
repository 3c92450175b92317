/* cluster_map: the small Leaflet runtime behind cluster_map/_leaflet.py (no dependencies but Leaflet
   and Leaflet.markercluster). Served from the app's own static/ folder; never from a CDN. */
(function (root) {
  "use strict";
  var fetched = {};

  function fetchJson(url) {
    if (!fetched[url]) {
      fetched[url] = fetch(url).then(function (response) {
        if (!response.ok) { throw new Error(url + ": HTTP " + response.status); }
        return response.json();
      });
    }
    return fetched[url];
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /* A map pane per drawing order, so lazily loaded layers stack as declared whatever loads first. */
  function pane(map, o) {
    var name = "cm-" + o.id;
    if (!map.getPane(name)) { map.createPane(name).style.zIndex = String(400 + o.zIndex); }
    return name;
  }

  /* A layer whose GeoJSON file is fetched the first time the layer is switched on. */
  function lazyGeoJson(map, url, o, options, keep) {
    options.pane = pane(map, o);
    var geojson = L.geoJSON(null, options);
    var group = L.layerGroup([geojson]);
    group.once("add", function () {
      fetchJson(url).then(function (data) {
        var features = keep ? data.features.filter(keep) : data.features;
        geojson.addData({ type: "FeatureCollection", features: features });
      }).catch(function (error) { console.error("cluster_map:", error); });
    });
    return group;
  }

  /* Show a layer's permanent labels only from zoom `minZoom` on (county names would crowd the province). */
  function labelsFromZoom(map, layer, minZoom) {
    function sync() {
      var visible = map.getZoom() >= minZoom;
      layer.eachLayer(function (child) {
        var tooltip = child.getTooltip && child.getTooltip();
        if (tooltip) { tooltip.setOpacity(visible ? 0.9 : 0); }
      });
    }
    map.on("zoomend", sync);
    layer.on("layeradd", sync);
  }

  function boundary(map, url, o) {
    var group = lazyGeoJson(map, url, o, {
      interactive: false,
      style: function () { return o.style; },
      onEachFeature: function (feature, layer) {
        if (o.labelField) {
          layer.bindTooltip(escapeHtml(feature.properties[o.labelField] || ""), {
            permanent: true, direction: "center", className: "cm-label cm-label-" + o.id
          });
        }
      }
    });
    if (o.labelField && o.labelMinZoom) { labelsFromZoom(map, group.getLayers()[0], o.labelMinZoom); }
    return group;
  }

  /* Polygons of a boundary file, drawn only for the ids in `items` (id -> {fill, popup, tip}). */
  function areas(map, url, items, o) {
    return lazyGeoJson(map, url, o, {
      style: function (feature) {
        var item = items[feature.properties.adcode];
        return Object.assign({}, o.style, { fillColor: item.fill, color: item.stroke || o.style.color });
      },
      onEachFeature: function (feature, layer) {
        var item = items[feature.properties.adcode];
        if (item.popup) { layer.bindPopup(item.popup, { maxWidth: 400, className: "cm-popup-wrap" }); }
        if (item.tip) { layer.bindTooltip(item.tip, { sticky: true }); }
      }
    }, function (feature) { return Object.prototype.hasOwnProperty.call(items, feature.properties.adcode); });
  }

  function sharedCluster(map, options) {
    if (!map._cmCluster) { map._cmCluster = L.markerClusterGroup(options).addTo(map); }
    return map._cmCluster;
  }

  /* Point records as divIcon markers in one marker cluster shared by every point layer of the map;
     the returned layer group is a switch that adds its markers to (and removes them from) it. */
  function points(map, data, o) {
    var cluster = sharedCluster(map, o.cluster);
    var size = o.iconSize;
    var markers = data.features.map(function (feature) {
      var p = feature.properties;
      var c = feature.geometry.coordinates;
      var icon = L.divIcon({
        html: o.icons[p.icon], className: "cm-marker cm-layer-" + o.id,
        iconSize: [size, size], iconAnchor: [size / 2, size / 2]
      });
      var marker = L.marker([c[1], c[0]], { icon: icon, riseOnHover: true });
      marker.bindPopup(p.popup, { maxWidth: 400, className: "cm-popup-wrap" });
      marker.bindTooltip(p.tip, { direction: "top", offset: [0, -size / 2] });
      marker.cmRecordId = p.rid;
      return marker;
    });
    var group = L.layerGroup();
    group.on("add", function () { cluster.addLayers(markers); });
    group.on("remove", function () { cluster.removeLayers(markers); });
    return group;
  }

  function legend(map, html, position) {
    var control = L.control({ position: position || "bottomright" });
    control.onAdd = function () {
      var div = L.DomUtil.create("div", "cm-legend leaflet-bar");
      div.innerHTML = html;
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      return div;
    };
    control.addTo(map);
    map.on("popupopen", function () {  /* the legend would cover the popup: fold it away */
      var details = control.getContainer().querySelector("details");
      if (details) { details.open = false; }
    });
    return control;
  }

  /* Fit the bounds now and again after the first resize (the component's frame sizes itself late). */
  function fit(map, bounds, options) {
    map.fitBounds(bounds, options);
    map.once("resize", function () { map.fitBounds(bounds, options); });
  }

  function attribution(map, html) {
    if (map.attributionControl) { map.attributionControl.addAttribution(html); }
  }

  root.ClusterMap = {
    areas: areas, attribution: attribution, boundary: boundary, escapeHtml: escapeHtml, fit: fit,
    legend: legend, points: points
  };
})(window);
