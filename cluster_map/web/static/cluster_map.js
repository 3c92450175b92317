/* cluster_map: the small Leaflet runtime behind cluster_map/_leaflet.py (no dependencies but Leaflet
   and Leaflet.markercluster). Served from the app's own static/ folder; never from a CDN. */
(function (root) {
  "use strict";
  var fetched = {};
  var NARROW_MAP_PX = 1100;     /* below this width the layer list starts folded */
  var WIDE_LEGEND_PX = 1100;    /* below this width (or 700 px height) the legend starts folded */
  var DEEPEST_USEFUL_ZOOM = 11; /* points mark counties: deeper than this shows nothing more */

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

  /* --- talking back to Streamlit -------------------------------------------------------------
     streamlit-folium returns only the objects the app asks for (returned_objects=["selected_tags"]);
     nothing of ours but this function writes that slot, so panning and zooming never rerun the app.
     A nonce makes two clicks on the same place two events. */
  var sendCount = 0;

  function send(map, message) {
    var data = root.__GLOBAL_DATA__;
    if (!data) { return false; }
    sendCount += 1;
    data.selected_tags = [JSON.stringify(Object.assign({ nonce: Date.now() + "-" + sendCount }, message))];
    map.fire("moveend");  /* streamlit-folium sends its value (debounced) after a move */
    return true;
  }

  /* Keep the component's initial value equal to the app's default, so loading sends nothing. */
  function quietStart() {
    if (root.__GLOBAL_DATA__) { root.__GLOBAL_DATA__.selected_tags = null; }
  }

  /* --- popups that fit ------------------------------------------------------------------------ */

  /* Room the popup must leave free: the controls along the top and the bottom of the map. */
  function controlMargins(map) {
    var box = map.getContainer().getBoundingClientRect();
    var top = 10, bottom = 10;
    Array.prototype.forEach.call(map.getContainer().querySelectorAll(".leaflet-control"), function (control) {
      var r = control.getBoundingClientRect();
      if (r.width === 0 || r.height > box.height / 2) { return; }
      if (r.top - box.top < box.height / 2) { top = Math.max(top, r.bottom - box.top + 8); }
      else { bottom = Math.max(bottom, box.bottom - r.top + 8); }
    });
    return { top: top, bottom: bottom };
  }

  function popupOptions(map) {
    var size = map.getSize();
    var margins = controlMargins(map);
    return {
      maxWidth: Math.max(200, Math.min(400, size.x - 60)),
      maxHeight: Math.max(120, size.y - margins.top - margins.bottom - 40),
      autoPanPaddingTopLeft: [12, margins.top],
      autoPanPaddingBottomRight: [12, margins.bottom],
      className: "cm-popup-wrap"
    };
  }

  /* Size every popup to the map and its folded controls when it opens (never under a control). */
  function fitPopups(map) {
    map.on("popupopen", function (event) {
      L.setOptions(event.popup, popupOptions(map));
      event.popup.update();
    });
  }

  /* --- popups fetched by row (the app's map): a book of JSON files of `rows` rows each ---------- */

  function popupBook(map, prefix, rows, loadingText) {
    map._cmBook = { prefix: prefix, rows: rows, loading: loadingText };
  }

  /* The popups of `rows` in layer `layerId`, once their files have arrived. */
  function bookPopups(map, layerId, rows) {
    var book = map._cmBook;
    var files = {};
    rows.forEach(function (row) { files[Math.floor(row / book.rows)] = true; });
    return Promise.all(Object.keys(files).map(function (number) {
      return fetchJson(book.prefix + "-" + number + ".json");
    })).then(function (pages) {
      var all = Object.assign.apply(null, [{}].concat(pages));
      return rows.map(function (row) { return all[layerId + ":" + row] || ""; });
    });
  }

  /* Several records' popups under a heading (as records_popup_html on the server). */
  function recordsPopup(popups, heading) {
    var head = heading ? '<div class="cm-title">' + escapeHtml(heading) + "</div>" : "";
    return '<div class="cm-popup">' + head + popups.join("") + "</div>";
  }

  /* A layer's popup: the HTML the payload carries, else fetched from the book when it first opens. */
  function bindRecordsPopup(map, layer, item, layerId) {
    if (item.popup || !map._cmBook || !item.rows) {
      layer.bindPopup(item.popup || "", popupOptions(map));
      return;
    }
    var loaded = false;
    layer.bindPopup('<div class="cm-popup cm-loading">' + escapeHtml(map._cmBook.loading) + "</div>", popupOptions(map));
    layer.on("popupopen", function (event) {
      if (loaded) { return; }
      bookPopups(map, layerId, item.rows).then(function (popups) {
        loaded = true;
        event.popup.setContent(recordsPopup(popups, item.heading));
        event.popup.update();
      }).catch(function (error) { console.error("cluster_map:", error); });
    });
  }

  /* --- layers ----------------------------------------------------------------------------------- */

  /* A record layer the marker map's view fills (ClusterMap.markerView), by its layer id. */
  function register(map, o, group) {
    group.cmLayerId = o.id;
    (map._cmLayers = map._cmLayers || {})[o.id] = group;
    return group;
  }

  /* A layer whose GeoJSON file is fetched the first time the layer is drawn; group.cmRedraw()
     draws it again (after `keep` changed). */
  function lazyGeoJson(map, url, o, options, keep) {
    options.pane = pane(map, o);
    var geojson = L.geoJSON(null, options);
    var group = L.layerGroup([geojson]);
    var loaded = false, features = null;
    function draw() {
      geojson.clearLayers();
      geojson.addData({ type: "FeatureCollection", features: keep ? features.filter(keep) : features });
    }
    function load() {
      if (loaded) { return; }
      loaded = true;
      fetchJson(url).then(function (data) {
        features = data.features;
        draw();
      }).catch(function (error) { console.error("cluster_map:", error); });
    }
    group.cmRedraw = function () { if (features) { draw(); } };
    /* from o.minZoom on only: the county layer is not fetched for the whole-province view */
    function sync() {
      if (!map.hasLayer(group)) { return; }
      var visible = !o.minZoom || map.getZoom() >= o.minZoom;
      if (visible) { load(); }
      map.getPane(options.pane).style.display = visible ? "" : "none";
    }
    group.on("add", sync);
    map.on("zoomend", sync);
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

  /* The popup of a unit: its name, a button that filters to it and one that opens its profile (see send()). */
  function unitPopup(map, properties, o) {
    var div = L.DomUtil.create("div", "cm-popup cm-unit");
    div.setAttribute("data-unit", properties.adcode);
    var name = properties[o.labelField] || properties.name_zh || properties.adcode;
    div.innerHTML = '<div class="cm-title">' + escapeHtml(name) + "</div>";
    var button = L.DomUtil.create("button", "cm-select-unit", div);
    button.type = "button";
    button.textContent = o.selectText.replace("{name}", name);
    L.DomEvent.on(button, "click", function () {
      button.disabled = true;
      send(map, { action: "select_unit", level: o.selectLevel, code: properties.adcode });
      map.closePopup();
    });
    if (o.profileText) {
      var profile = L.DomUtil.create("button", "cm-open-profile", div);
      profile.type = "button";
      profile.textContent = o.profileText.replace("{name}", name);
      L.DomEvent.on(profile, "click", function () {
        profile.disabled = true;
        send(map, { action: "open_profile", code: properties.adcode });
        map.closePopup();
      });
    }
    return div;
  }

  function boundary(map, url, o) {
    var selectable = Boolean(o.selectLevel);
    var group = lazyGeoJson(map, url, o, {
      interactive: selectable,
      style: function () { return Object.assign({}, o.style, selectable ? { fill: true, fillOpacity: 0 } : {}); },
      onEachFeature: function (feature, layer) {
        if (o.labelField) {
          layer.bindTooltip(escapeHtml(feature.properties[o.labelField] || ""), {
            permanent: true, direction: "center", className: "cm-label cm-label-" + o.id, interactive: false
          });
        }
        if (selectable) {
          layer.bindPopup(function () { return unitPopup(map, feature.properties, o); }, popupOptions(map));
        }
      }
    });
    if (o.labelField && o.labelMinZoom) { labelsFromZoom(map, group.getLayers()[0], o.labelMinZoom); }
    return group;
  }

  /* Context outside Hebei with no tiles: neighbouring provinces, greyed, named at a label point. */
  function reference(map, url, o) {
    var labels = L.layerGroup();
    var group = lazyGeoJson(map, url, o, {
      interactive: false,
      style: function () { return o.style; },
      onEachFeature: function (feature) {
        var p = feature.properties;
        if (p[o.labelField] && p.label_lat !== undefined && p.label_lon !== undefined) {
          labels.addLayer(L.tooltip({
            permanent: true, direction: "center", className: "cm-label cm-label-reference", interactive: false
          }).setLatLng([p.label_lat, p.label_lon]).setContent(escapeHtml(p[o.labelField])));
        }
      }
    });
    group.addLayer(labels);
    return group;
  }

  /* Polygons of a boundary file, drawn only for the ids in `items` (id -> {fill, popup, tip}). */
  function areas(map, url, items, o) {
    var group = lazyGeoJson(map, url, o, {
      style: function (feature) {
        var item = items[feature.properties.adcode];
        return Object.assign({}, o.style, { fillColor: item.fill, color: item.stroke || o.style.color });
      },
      onEachFeature: function (feature, layer) {
        var item = items[feature.properties.adcode];
        if (item.popup || item.rows) { bindRecordsPopup(map, layer, item, o.id); }
        if (item.tip) { layer.bindTooltip(item.tip, { sticky: true }); }
        if (item.records) { layer.cmRecordIds = item.records; }
      }
    }, function (feature) { return Object.prototype.hasOwnProperty.call(items, feature.properties.adcode); });
    group.cmAreas = group.getLayers()[0];
    group.cmSetData = function (url2, newItems) { items = newItems; group.cmRedraw(); };
    (map._cmAreaLayers = map._cmAreaLayers || []).push(group);
    return register(map, o, group);
  }

  /* Items whose place is an area over several units (a river basin, a bay): one layer per area,
     drawn from the members' polygons of a boundary file (fetched once), with the area's popup.
     `areas` is key -> {members: [adcode], fill, stroke, popup, tip, records: [item id]}. */
  function memberAreas(map, url, areas, o) {
    var drawn = L.layerGroup();
    var group = L.layerGroup([drawn]);
    var loaded = false, features = null;
    function draw() {
      drawn.clearLayers();
      Object.keys(areas).forEach(function (key) {
        var area = areas[key];
        var members = features.filter(function (f) { return area.members.indexOf(f.properties.adcode) >= 0; });
        var layer = L.geoJSON({ type: "FeatureCollection", features: members }, {
          pane: pane(map, o),
          style: function () { return Object.assign({}, o.style, { fillColor: area.fill, color: area.stroke || o.style.color }); }
        });
        bindRecordsPopup(map, layer, area, o.id);
        layer.bindTooltip(area.tip, { sticky: true });
        layer.cmRecordIds = area.records;
        drawn.addLayer(layer);
      });
    }
    group.on("add", function () {
      if (loaded) { return; }
      loaded = true;
      fetchJson(url).then(function (data) {
        features = data.features;
        draw();
      }).catch(function (error) { console.error("cluster_map:", error); });
    });
    group.cmSetData = function (url2, newAreas) { areas = newAreas; if (features) { draw(); } };
    group.cmAreas = drawn;
    (map._cmAreaLayers = map._cmAreaLayers || []).push(group);
    return register(map, o, group);
  }

  /* A cluster of records at one place (or a few hundred metres apart) spreads out where it is,
     instead of zooming to an empty background. */
  function spreadOrZoom(map, cluster) {
    var bounds = cluster.getBounds();
    var zoom = map.getBoundsZoom(bounds, false, L.point(40, 40));
    if (zoom > DEEPEST_USEFUL_ZOOM || bounds.getNorthEast().equals(bounds.getSouthWest())) {
      cluster.spiderfy();
    } else {
      cluster.zoomToBounds({ padding: [40, 40] });
    }
  }

  /* While an item's popup is open, its markers at its other places are highlighted. */
  function siblingHighlight(map) {
    var lit = [];
    function clear() {
      lit.forEach(function (icon) { L.DomUtil.removeClass(icon, "cm-marker-sibling"); });
      lit = [];
    }
    map.on("popupopen", function (event) {
      clear();
      var source = event.popup._source;
      var siblings = source && source.cmRecordId ? map._cmMarkers[source.cmRecordId] || [] : [];
      siblings.forEach(function (marker) {
        if (marker === source || !marker._icon) { return; }
        L.DomUtil.addClass(marker._icon, "cm-marker-sibling");
        lit.push(marker._icon);
      });
    });
    map.on("popupclose", clear);
  }

  function sharedCluster(map, options) {
    if (!map._cmCluster) {
      var settings = Object.assign({}, options, { zoomToBoundsOnClick: false, spiderfyOnMaxZoom: false });
      map._cmCluster = L.markerClusterGroup(settings).addTo(map);
      map._cmCluster.on("clusterclick", function (event) { spreadOrZoom(map, event.layer); });
      map._cmMarkers = {};  /* item id -> its markers (one per place) */
      siblingHighlight(map);
    }
    return map._cmCluster;
  }

  /* Point records as divIcon markers in one marker cluster shared by every point layer of the map;
     the returned layer group is a switch that adds its markers to (and removes them from) it. A
     record's marker is made once and kept (by row) for the next views of the same icons. */
  function points(map, data, o) {
    var cluster = sharedCluster(map, o.cluster);
    var size = o.iconSize;
    var group = L.layerGroup();
    var markers = [];
    var made = {}, madeIcons = {};  /* row|icon key -> its marker; icon key -> the icon it was made with */
    function shown(marker) { (map._cmMarkers[marker.cmRecordId] = map._cmMarkers[marker.cmRecordId] || []).push(marker); }
    function forget(marker) {
      var list = map._cmMarkers[marker.cmRecordId] || [];
      map._cmMarkers[marker.cmRecordId] = list.filter(function (m) { return m !== marker; });
    }
    function make(feature, icons) {
      var p = feature.properties;
      var c = feature.geometry.coordinates;
      var icon = L.divIcon({
        html: icons[p.icon], className: "cm-marker cm-layer-" + o.id,
        iconSize: [size, size], iconAnchor: [size / 2, size / 2]
      });
      var marker = L.marker([c[1], c[0]], { icon: icon, riseOnHover: true, keyboard: true });
      bindRecordsPopup(map, marker, p.popup ? p : { rows: [p.row] }, o.id);
      marker.bindTooltip(p.tip, { direction: "top", offset: [0, -size / 2] });
      marker.cmRecordId = p.rid;
      return marker;
    }
    function marker(feature, icons) {
      var p = feature.properties;
      if (p.popup || p.row === undefined) { return make(feature, icons); }
      var key = p.row + "|" + p.icon;
      return made[key] || (made[key] = make(feature, icons));
    }
    /* new records: markers no longer shown leave the cluster (when the layer is on), new ones join;
       with a batch ({leaving, joining}), they are added to it for one cluster update of all layers */
    group.cmSetData = function (newData, options, batch) {
      /* a view sends the icons its records use; a key whose icon changed makes every marker anew */
      var changed = Object.keys(options.icons).some(function (k) {
        return madeIcons[k] !== undefined && madeIcons[k] !== options.icons[k];
      });
      if (changed) { made = {}; madeIcons = {}; }
      Object.assign(madeIcons, options.icons);
      var next = newData.features.map(function (feature) { return marker(feature, options.icons); });
      var staying = new Set(next), before = new Set(markers);
      var leaving = markers.filter(function (m) { return !staying.has(m); });
      var joining = next.filter(function (m) { return !before.has(m); });
      if (map.hasLayer(group) && batch) {
        batch.leaving.push.apply(batch.leaving, leaving);
        batch.joining.push.apply(batch.joining, joining);
      } else if (map.hasLayer(group)) {
        cluster.removeLayers(leaving);
        cluster.addLayers(joining);
      }
      leaving.forEach(forget);
      joining.forEach(shown);
      markers = next;
    };
    group.cmSetData(data, o);
    group.on("add", function () { cluster.addLayers(markers); });
    group.on("remove", function () { cluster.removeLayers(markers); });
    return register(map, o, group);
  }

  /* --- controls --------------------------------------------------------------------------------- */

  /* The choropleth's legend section shows only while its layer is on. */
  function syncChoropleth(map) {
    var control = map._cmLegend;
    var layer = map._cmLayers && map._cmLayers.choropleth;
    var on = layer ? map.hasLayer(layer) : map._cmLegendHtml.indexOf('data-choropleth-on="1"') >= 0;
    var section = control.getContainer().querySelectorAll('[data-legend="choropleth"]');
    Array.prototype.forEach.call(section, function (el) { el.style.display = on ? "" : "none"; });
  }

  function legendFolds(map) {
    var size = map.getSize();
    return size.x < WIDE_LEGEND_PX || size.y < 700;
  }

  /* New legend HTML (the view's choropleth classes), folded or open as the old one was. */
  function setLegend(map, html) {
    if (!map._cmLegend || html === undefined || html === map._cmLegendHtml) { return; }
    var div = map._cmLegend.getContainer();
    var old = div.querySelector("details");
    var open = old ? old.open : !legendFolds(map);
    map._cmLegendHtml = html;
    div.innerHTML = html;
    var details = div.querySelector("details");
    if (details) { details.open = open; }
    syncChoropleth(map);
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
    map._cmLegend = control;
    map._cmLegendHtml = html;
    map.on("overlayadd overlayremove", function () { syncChoropleth(map); });
    syncChoropleth(map);
    return control;
  }

  function layerList(map) {
    return map.getContainer().querySelector(".leaflet-control-layers");
  }

  function foldLayerList(list) {
    if (list) { L.DomUtil.removeClass(list, "leaflet-control-layers-expanded"); }
  }

  function foldLegend(map) {
    var details = map._cmLegend && map._cmLegend.getContainer().querySelector("details");
    if (details) { details.open = false; }
  }

  /* Legend and layer list fold on narrow maps, and whenever a popup opens, so neither hides it.
     The layer list unfolds from its button (tap) and folds again on a click in the map. */
  function compact(map) {
    var list = layerList(map);
    if (list) {
      var toggle = list.querySelector(".leaflet-control-layers-toggle");
      L.DomEvent.on(toggle, "click", function (event) {
        L.DomEvent.preventDefault(event);
        L.DomUtil.addClass(list, "leaflet-control-layers-expanded");
      });
      L.DomEvent.on(toggle, "focus", function () { L.DomUtil.addClass(list, "leaflet-control-layers-expanded"); });
      map.on("click", function () { if (map.getSize().x < NARROW_MAP_PX) { foldLayerList(list); } });
    }
    function foldIfNarrow() {
      if (map.getSize().x < NARROW_MAP_PX) { foldLayerList(list); }
      if (legendFolds(map)) { foldLegend(map); }
    }
    foldIfNarrow();
    map.once("resize", foldIfNarrow);
    /* the frame and the stylesheet size the map after Leaflet measured it: measure again */
    if (root.ResizeObserver) {
      new root.ResizeObserver(function () { map.invalidateSize({ animate: false }); }).observe(map.getContainer());
    }
    map.on("popupopen", function () { foldLayerList(list); foldLegend(map); });
    fitPopups(map);
  }

  /* Fit the bounds with a margin that scales with the map (never wider than the map itself), now
     and after the first resize (the component's frame sizes itself late). A later fit (a new
     filter) glides there: the new markers show at once and Leaflet re-projects the boundaries
     when the glide ends, not before the first frame. A fit asked for mid-glide waits for its end
     (Leaflet would drop it); a person who asked for reduced motion gets jumps. */
  function fit(map, bounds, options, glide) {
    function apply(animate) {
      var size = map.getSize();
      var x = Math.min(40, size.x * 0.06), y = Math.min(40, size.y * 0.06);
      /* a little more room at the top and bottom, where the folded controls sit */
      map.fitBounds(bounds, {
        paddingTopLeft: [x, Math.max(y, 44)], paddingBottomRight: [x, Math.max(y, 52)],
        maxZoom: options.maxZoom, animate: animate
      });
    }
    var animate = !!glide && !reducedMotion();
    map._cmFit = apply;
    if (map._animatingZoom) {
      map.once("zoomend", function () { if (map._cmFit === apply) { apply(animate); } });
    } else {
      apply(animate);
    }
    /* a record in focus wins, and so does a newer fit */
    map.once("resize", function () { if (!map._cmFocus && map._cmFit === apply) { apply(false); } });
  }

  function reducedMotion() {
    return !!(root.matchMedia && root.matchMedia("(prefers-reduced-motion: reduce)").matches);
  }

  function attribution(map, html) {
    if (map.attributionControl) { map.attributionControl.addAttribution(html); }
  }

  /* Say once, on the map, that the base map's tiles do not load (offline, or blocked). */
  function tileNotice(map, message) {
    var failures = 0;
    var shown = false;
    function onError() {
      failures += 1;
      if (shown || failures < 3) { return; }
      shown = true;
      var notice = L.control({ position: "topleft" });
      notice.onAdd = function () {
        var div = L.DomUtil.create("div", "cm-notice leaflet-bar");
        div.setAttribute("role", "status");
        div.textContent = message;
        var close = L.DomUtil.create("button", "cm-notice-close", div);
        close.type = "button";
        close.textContent = "×";
        close.setAttribute("aria-label", "close");
        L.DomEvent.on(close, "click", function () { notice.remove(); });
        L.DomEvent.disableClickPropagation(div);
        return div;
      };
      notice.addTo(map);
    }
    map.eachLayer(function (layer) { if (layer instanceof L.TileLayer) { layer.on("tileerror", onError); } });
  }

  /* --- one record: open its popup, copy its link ------------------------------------------------ */

  function openArea(map, recordId) {
    var found = false;
    (map._cmAreaLayers || []).forEach(function (group) {
      if (found || !map.hasLayer(group)) { return; }
      group.cmAreas.eachLayer(function (layer) {
        if (!found && layer.cmRecordIds && layer.cmRecordIds.indexOf(recordId) >= 0) {
          found = true;
          map.fitBounds(layer.getBounds(), { maxZoom: 10, animate: false });
          layer.openPopup(layer.getBounds().getCenter());
        }
      });
    });
    return found;
  }

  /* Make a marker visible on its own: zoom into its cluster while that separates points (never
     deeper than a county needs), else spread the cluster where it is. Then call done(). */
  function reveal(map, marker, done, depth) {
    var cluster = map._cmCluster;
    function again() { setTimeout(function () { reveal(map, marker, done, depth + 1); }, 120); }
    if (depth > 12) { done(); return; }
    if (cluster._inZoomAnimation) { again(); return; }  /* the cluster is still regrouping */
    var parent = cluster.getVisibleParent(marker);
    if (parent === marker) { done(); return; }
    if (!parent) {  /* outside the view */
      map.setView(marker.getLatLng(), Math.max(map.getZoom(), 8), { animate: false });
    } else if (map.getBoundsZoom(parent.getBounds(), false, L.point(40, 40)) > DEEPEST_USEFUL_ZOOM) {
      parent.spiderfy();
      setTimeout(done, 350);  /* the spider's legs unfold */
      return;
    } else {
      map.fitBounds(parent.getBounds(), { padding: [40, 40], maxZoom: DEEPEST_USEFUL_ZOOM, animate: false });
    }
    again();
  }

  /* Fly to a record and open its popup: a marker (unclustered first) or the area that draws it.
     Areas arrive with their file, so try again for a few seconds. */
  function focus(map, recordId) {
    var tries = 0, started = false;
    map._cmFocus = recordId;
    function start() { if (!started) { started = true; attempt(); } }
    map.once("resize", function () { setTimeout(start, 50); });  /* after the frame has its size */
    setTimeout(start, 400);
    function attempt() {
      var marker = map._cmMarkers && (map._cmMarkers[recordId] || [])[0];
      if (marker && map._cmCluster.hasLayer(marker)) {
        reveal(map, marker, function () { marker.openPopup(); }, 0);
        return;
      }
      if (openArea(map, recordId)) { return; }
      tries += 1;
      if (tries < 40) { setTimeout(attempt, 150); }
    }
  }

  function recordUrl(recordId) {
    var here;
    try { here = new URL(root.parent.location.href); } catch (error) { here = new URL(root.location.href); }
    here.search = "";
    here.hash = "";
    var params = new URLSearchParams();
    params.set("item", recordId);
    var lang = null;
    try { lang = new URL(root.parent.location.href).searchParams.get("lang"); } catch (error) { lang = null; }
    if (lang) { params.set("lang", lang); }
    return here.toString().replace(/\?$/, "") + "?" + params.toString();
  }

  /* "Link to this record" buttons in popups: copy ?item=<id>; where copying is not allowed,
     show the link selected so the user can copy it. */
  function recordLinks(map, texts) {
    map.getContainer().addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest(".cm-link");
      if (!button) { return; }
      event.preventDefault();
      var url = recordUrl(button.getAttribute("data-link-record"));
      var box = button.parentNode.querySelector(".cm-link-url");
      if (!box) {
        box = document.createElement("input");
        box.className = "cm-link-url";
        box.readOnly = true;
        button.parentNode.appendChild(box);
      }
      box.value = url;
      function shown(text) { button.textContent = text; box.focus(); box.select(); }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(url).then(function () { shown(texts.copied); }, function () { shown(texts.copy_by_hand); });
      } else {
        shown(texts.copy_by_hand);
      }
    });
  }

  /* "Read in the plan" buttons in popups: ask the page to open the reader at the mention. */
  function readLinks(map) {
    map.getContainer().addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest(".cm-read");
      if (!button) { return; }
      event.preventDefault();
      button.disabled = true;
      send(map, { action: "read_plan", doc: button.getAttribute("data-doc"), at: button.getAttribute("data-at") });
    });
  }

  /* --- the marker map's view: what a filter changes, applied to the map the page keeps ---------- */

  /* The layer control, so a view can rename its layers (their counts). */
  var layersOnAdd = L.Control.Layers.prototype.onAdd;
  L.Control.Layers.prototype.onAdd = function (map) {
    map._cmLayerControl = this;
    return layersOnAdd.call(this, map);
  };

  function layerNames(map, names) {
    var control = map._cmLayerControl;
    if (!control) { return; }
    var changed = false;
    control._layers.forEach(function (entry) {
      var name = names[entry.layer.cmLayerId];
      if (name !== undefined && entry.name !== name) { entry.name = name; changed = true; }
    });
    if (changed) { control._update(); }
  }

  function markerMap(map) { root.cmMarkerMap = map; }

  /* state: {layers: {id: the layer function's arguments}, names: {id: label}, legend, fit,
     fitOptions, focus}. Layers whose records did not change are left as they are. */
  function markerView(group, state) {
    var map = root.cmMarkerMap;
    if (!map) { return; }
    var batch = { leaving: [], joining: [] };  /* the point layers' markers, for one cluster update */
    Object.keys(state.layers).forEach(function (id) {
      var layer = (map._cmLayers || {})[id];
      var key = JSON.stringify(state.layers[id]);
      if (!layer || layer._cmDataKey === key) { return; }
      layer._cmDataKey = key;
      layer.cmSetData.apply(null, state.layers[id].concat([batch]));
    });
    if (map._cmCluster && batch.leaving.length) { map._cmCluster.removeLayers(batch.leaving); }
    if (map._cmCluster && batch.joining.length) { map._cmCluster.addLayers(batch.joining); }
    layerNames(map, state.names || {});
    setLegend(map, state.legend);
    var fitKey = JSON.stringify(state.fit);
    if (fitKey !== map._cmFitKey) {
      fit(map, state.fit, state.fitOptions, map._cmFitKey !== undefined);  /* the first fit jumps */
      map._cmFitKey = fitKey;
    }
    if (state.focus && state.focus !== map._cmFocus) { focus(map, state.focus); }
    map._cmViews = (map._cmViews || 0) + 1;  /* views applied (the benchmark waits for the next) */
  }

  root.ClusterMap = {
    areas: areas, memberAreas: memberAreas, attribution: attribution, boundary: boundary, compact: compact, escapeHtml: escapeHtml,
    fit: fit, focus: focus, legend: legend, markerMap: markerMap, markerView: markerView, points: points, popupBook: popupBook, popupOptions: popupOptions, quietStart: quietStart, readLinks: readLinks, recordLinks: recordLinks,
    reference: reference, send: send, tileNotice: tileNotice
  };
})(window);
