/* cluster_map point layer: many points (10^5 to 10^6) drawn on one canvas from binary columns.

   The page's Python writes the points once per dataset to a file under the static folder
   (cluster_map/web/point_columns.py: float32 x, float32 y, uint16 unit, uint8 sector, uint8
   kind << 4 | level; little-endian, one column after the other) and puts only its URL and the code
   lists in the map. A filter change sends the allowed codes (or, when codes cannot say it, a bit
   mask) through ClusterMap.pointView, so the map and the file stay; nothing is rebuilt.
   Zoomed out, the points are counted per county (bubbles); a click on a point asks the page for
   its popup by row (ClusterMap.send), which arrives through pointView. Needs cluster_map.js. */
(function (root) {
  "use strict";
  var TILE = 256;
  var LABEL_CLEARANCE = 8;  /* px between a unit's name (drawn at its point) and the top of its count */

  function mercator(x, y, n) {
    var mx = new Float64Array(n), my = new Float64Array(n);
    for (var i = 0; i < n; i++) {
      var s = Math.sin(y[i] * Math.PI / 180);
      mx[i] = (x[i] + 180) / 360;
      my[i] = 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
    }
    return { x: mx, y: my };
  }

  function rgba(hex) {
    var v = parseInt(hex.slice(1), 16);
    return (255 << 24) | ((v & 255) << 16) | (((v >> 8) & 255) << 8) | ((v >> 16) & 255);  /* ABGR bytes */
  }

  function readColumns(buffer, n) {
    var offset = 0;
    function take(Type, size) {
      var view = new Type(buffer, offset, n);
      offset += n * size;
      offset += (4 - (offset % 4)) % 4;
      return view;
    }
    return {
      x: take(Float32Array, 4), y: take(Float32Array, 4), unit: take(Uint16Array, 2),
      sector: take(Uint8Array, 1), kindLevel: take(Uint8Array, 1)
    };
  }

  var PointLayer = L.Layer.extend({
    initialize: function (url, meta, options) {
      this._url = url;
      this._meta = meta;
      this._o = options;
      this._n = meta.n;
      this._mask = new Uint8Array(meta.n).fill(1);
      this._shown = meta.n;
      this._colors = meta.sectorColors.map(rgba);
      this._ready = fetch(url).then(function (response) {
        if (!response.ok) { throw new Error(url + ": HTTP " + response.status); }
        return response.arrayBuffer();
      }).then(function (buffer) {
        this._columns = readColumns(buffer, this._n);
        this._merc = mercator(this._columns.x, this._columns.y, this._n);
        this._applyFilter(this._pendingFilter);
        return this;
      }.bind(this));
    },

    onAdd: function (map) {
      this._map = map;
      var pane = map.getPane(this._o.pane) || map.createPane(this._o.pane);
      pane.style.zIndex = String(400 + this._o.zIndex);
      this._canvas = L.DomUtil.create("canvas", "cm-points leaflet-zoom-hide", pane);
      map.on("moveend zoomend resize viewreset", this._redraw, this);
      map.on("click", this._click, this);
      map.on("mousemove", this._hover, this);
      this._ready.then(this._redraw.bind(this));
    },

    onRemove: function (map) {
      map.off("moveend zoomend resize viewreset", this._redraw, this);
      map.off("click", this._click, this);
      map.off("mousemove", this._hover, this);
      L.DomUtil.remove(this._canvas);
      this._canvas = null;
    },

    /* filter: {codes: {sector: [..], kind: [..], level: [..], unit: [..]}} (null lists: any) or
       {mask: base64 of one bit per point, most significant bit first} or null (every point). */
    setFilter: function (filter) {
      this._pendingFilter = filter;
      if (this._columns) { this._applyFilter(filter); this._redraw(); }
    },

    _applyFilter: function (filter) {
      var n = this._n, mask = this._mask, c = this._columns, shown = 0, i;
      if (filter && filter.mask !== undefined) {
        var bits = atob(filter.mask);
        for (i = 0; i < n; i++) { mask[i] = (bits.charCodeAt(i >> 3) >> (7 - (i & 7))) & 1; shown += mask[i]; }
      } else {
        var codes = (filter && filter.codes) || {};
        function table(list, size) {
          var t = new Uint8Array(size);
          if (!list) { t.fill(1); } else { list.forEach(function (v) { t[v] = 1; }); }
          return t;
        }
        var sector = table(codes.sector, 256), kind = table(codes.kind, 16), level = table(codes.level, 16);
        var unit = table(codes.unit, 65536);
        for (i = 0; i < n; i++) {
          var kl = c.kindLevel[i];
          mask[i] = sector[c.sector[i]] & kind[kl >> 4] & level[kl & 15] & unit[c.unit[i]];
          shown += mask[i];
        }
      }
      this._shown = shown;
      this._bubbleColor = this._oneSectorColor();
    },

    /* The sector's colour when every shown point has the same sector, else the neutral blue. */
    _oneSectorColor: function () {
      var sector = this._columns.sector, mask = this._mask, found = -1;
      for (var i = 0; i < this._n; i++) {
        if (!mask[i]) { continue; }
        if (found < 0) { found = sector[i]; } else if (sector[i] !== found) { return "rgba(31, 95, 166, 0.72)"; }
      }
      return found > 0 ? this._meta.sectorColors[found] : "rgba(31, 95, 166, 0.72)";
    },

    _aggregated: function () {
      return this._map.getZoom() < this._o.pointsFromZoom && this._shown > this._o.pointsBelow;
    },

    _origin: function () {
      var map = this._map, scale = TILE * Math.pow(2, map.getZoom());
      var topLeft = map.containerPointToLayerPoint([0, 0]);
      var pixelOrigin = map.getPixelOrigin();
      return { scale: scale, ox: pixelOrigin.x + topLeft.x, oy: pixelOrigin.y + topLeft.y, topLeft: topLeft };
    },

    _redraw: function () {
      if (!this._canvas || !this._columns) { return; }
      var map = this._map, size = map.getSize(), canvas = this._canvas;
      if (!size.x || !size.y) { return; }  /* a hidden map (no size yet): drawn on its resize */
      var o = this._origin();
      L.DomUtil.setPosition(canvas, o.topLeft);
      canvas.width = size.x;
      canvas.height = size.y;
      var drawn = this._aggregated() ? this._drawCounts(canvas, o) : this._drawPoints(canvas, o);
      canvas.setAttribute("data-drawn", String(drawn));
      canvas.setAttribute("data-mode", this._aggregated() ? "counts" : "points");
      canvas.setAttribute("data-shown", String(this._shown));
    },

    /* The shown points as dots (only those in no unit, when the units are counted in bubbles). */
    _drawPoints: function (canvas, o, unitless) {
      var ctx = canvas.getContext("2d"), w = canvas.width, h = canvas.height;
      var image = ctx.createImageData(w, h), pixels = new Uint32Array(image.data.buffer);
      var mx = this._merc.x, my = this._merc.y, mask = this._mask, sector = this._columns.sector;
      var colors = this._colors, r = this._o.radius, drawn = 0, unit = this._columns.unit;
      for (var i = 0; i < this._n; i++) {
        if (!mask[i] || (unitless && unit[i] !== 0)) { continue; }
        var px = Math.round(mx[i] * o.scale - o.ox), py = Math.round(my[i] * o.scale - o.oy);
        if (px < -r || py < -r || px >= w + r || py >= h + r) { continue; }
        var color = colors[sector[i]];
        for (var dy = -r; dy <= r; dy++) {
          var yy = py + dy;
          if (yy < 0 || yy >= h) { continue; }
          var row = yy * w;
          for (var dx = -r; dx <= r; dx++) {
            var xx = px + dx;
            if (xx >= 0 && xx < w && dx * dx + dy * dy <= r * r + 1) { pixels[row + xx] = color; }
          }
        }
        drawn += 1;
      }
      ctx.putImageData(image, 0, 0);
      return drawn;
    },

    /* Counts per unit (per prefecture when far out) of the shown points, as bubbles at the units'
       points; the largest bubble has the largest radius, the others by area. */
    _bubbles: function (o) {
      var units = this._meta.units, counts = new Uint32Array(units.length), unit = this._columns.unit;
      var mask = this._mask, byPrefecture = this._map.getZoom() < this._o.countiesFromZoom, i;
      for (i = 0; i < this._n; i++) { if (mask[i]) { counts[unit[i]] += 1; } }
      if (byPrefecture) {
        var tops = new Uint32Array(units.length);
        for (i = 0; i < units.length; i++) { tops[units[i][1]] += counts[i]; }
        counts = tops;
      }
      var most = 1, bubbles = [];
      for (i = 0; i < units.length; i++) { most = Math.max(most, counts[i]); }
      units.forEach(function (u, k) {
        if (!counts[k] || !u[0] || u[2] === null) { return; }
        var s = Math.sin(u[3] * Math.PI / 180);
        var x = (u[2] + 180) / 360 * o.scale - o.ox;
        var y = (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * o.scale - o.oy;
        var r = (byPrefecture ? 12 : 9) + (byPrefecture ? 18 : 12) * Math.sqrt(counts[k] / most);
        bubbles.push({ unit: k, count: counts[k], x: x, y: y + LABEL_CLEARANCE + r, r: r });  /* under the unit's name */
      });
      return bubbles;
    },

    _drawCounts: function (canvas, o) {
      this._drawPoints(canvas, o, true);
      var ctx = canvas.getContext("2d");
      var bubbles = this._bubbles(o), color = this._bubbleColor;
      this._lastBubbles = bubbles;
      ctx.font = "11px sans-serif";
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      bubbles.forEach(function (b) {
        ctx.beginPath();
        ctx.arc(b.x, b.y, b.r, 0, 2 * Math.PI);
        ctx.globalAlpha = 0.8;
        ctx.fillStyle = color;
        ctx.fill();
        ctx.globalAlpha = 1;
        ctx.lineWidth = 1;
        ctx.strokeStyle = "#ffffff";
        ctx.stroke();
        ctx.fillStyle = "#ffffff";
        ctx.fillText(b.count >= 10000 ? Math.round(b.count / 1000) + "k" : String(b.count), b.x, b.y);
      });
      return bubbles.length;
    },

    /* The shown point nearest to a container point, within the pick radius; -1 when none. */
    nearest: function (point) {
      if (!this._columns || this._aggregated()) { return -1; }
      var o = this._origin(), mx = this._merc.x, my = this._merc.y, mask = this._mask;
      var best = -1, bestD = (this._o.radius + 5) * (this._o.radius + 5);
      for (var i = 0; i < this._n; i++) {
        if (!mask[i]) { continue; }
        var dx = mx[i] * o.scale - o.ox - point.x, dy = my[i] * o.scale - o.oy - point.y;
        var d = dx * dx + dy * dy;
        if (d <= bestD) { bestD = d; best = i; }
      }
      return best;
    },

    _bubbleAt: function (point) {
      var found = null;
      (this._lastBubbles || []).forEach(function (b) {
        var dx = b.x - point.x, dy = b.y - point.y;
        if (dx * dx + dy * dy <= b.r * b.r) { found = b; }
      });
      return found;
    },

    _hover: function (event) {
      if (!this._columns) { return; }
      var hit = this._aggregated() ? this._bubbleAt(event.containerPoint) : null;
      var near = hit || (this._n <= this._o.hoverMax && this.nearest(event.containerPoint) >= 0);
      this._map.getContainer().style.cursor = near ? "pointer" : "";
    },

    _click: function (event) {
      if (!this._columns) { return; }
      if (this._aggregated()) {
        var bubble = this._bubbleAt(event.containerPoint);
        if (bubble) {
          var u = this._meta.units[bubble.unit];
          var byPrefecture = this._map.getZoom() < this._o.countiesFromZoom;
          this._map.setView([u[3], u[2]], byPrefecture ? this._o.countiesFromZoom : this._o.pointsFromZoom);
        }
        return;
      }
      var index = this.nearest(event.containerPoint);
      if (index < 0) { return; }
      this._picked = index;
      this._popup = L.popup(root.ClusterMap.popupOptions(this._map))
        .setLatLng(this.latLng(index))
        .setContent('<div class="cm-popup cm-loading">' + root.ClusterMap.escapeHtml(this._o.loadingText) + "</div>")
        .openOn(this._map);
      root.ClusterMap.send(this._map, { action: "pick", index: String(index) });
    },

    latLng: function (index) {
      return L.latLng(this._columns.y[index], this._columns.x[index]);
    },

    /* The popup the page built for a picked point (once per pick). */
    showPopup: function (pick) {
      if (!pick || pick.nonce === this._shownPick) { return; }
      this._shownPick = pick.nonce;
      var index = Number(pick.index);
      if (!this._columns || !(index >= 0 && index < this._n)) { return; }
      if (this._popup && this._popup.isOpen() && this._picked === index) {
        this._popup.setContent(pick.html);  /* the popup that says "opening" gets its content */
        return;
      }
      this._picked = index;
      this._popup = L.popup(root.ClusterMap.popupOptions(this._map))
        .setLatLng(this.latLng(index))
        .setContent(pick.html)
        .openOn(this._map);
    }
  });

  /* The point layer (listed in the layer control). */
  function pointLayer(map, url, meta, options) {
    var layer = new PointLayer(url, meta, options);
    root.cmPointLayer = layer;
    return layer;
  }

  /* The filtered view of the point layer, sent by the page on every rerun (a feature group that
     streamlit-folium re-evaluates only when it changed): the filter and the picked point's popup. */
  function pointView(group, state) {
    var layer = root.cmPointLayer;
    if (!layer) { return; }
    if (JSON.stringify(state.filter) !== layer._filterKey) {
      layer._filterKey = JSON.stringify(state.filter);
      layer.setFilter(state.filter);
    }
    var fitKey = JSON.stringify(state.fit);
    if (layer._map && fitKey !== layer._fitKey) {
      /* padded, and again on a resize; the first fit jumps, later ones glide */
      root.ClusterMap.fit(layer._map, state.fit, state.fitOptions, layer._fitKey !== undefined);
      layer._fitKey = fitKey;
    }
    if (state.pick) { layer._ready.then(function () { layer.showPopup(state.pick); }); }
  }

  root.ClusterMap.pointLayer = pointLayer;
  root.ClusterMap.pointView = pointView;
})(window);
