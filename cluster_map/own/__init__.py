"""The user's own data (enterprise, project or park lists) joined to the plan's places and sectors.

The data flows through one module per step, the same for the app, ``cluster-map join`` and the
Dask engine:

- :mod:`~cluster_map.own.read`: a CSV (UTF-8 or GBK/GB18030), XLSX, GeoJSON, GeoPackage or zipped
  shapefile -> a table of text (:class:`~cluster_map.own.read.OwnTable`);
- :mod:`~cluster_map.own.columns`: which columns hold longitude, latitude, name, address, industry;
- :mod:`~cluster_map.own.coords`: the coordinates parsed, checked (swapped, outside Hebei, offset as
  if the system were wrong) and shifted to WGS84;
- :mod:`~cluster_map.own.addresses`: rows without coordinates placed at a county or prefecture from
  the address text (the offline gazetteer; never finer than a county);
- :mod:`~cluster_map.own.units`: point in county (full-weight boundaries, vectorised), prefecture and
  zones;
- :mod:`~cluster_map.own.sectors`: the file's industry values mapped to the plan's sectors;
- :mod:`~cluster_map.own.join`: all of the above, one call; :mod:`~cluster_map.own.compare`: own rows
  per county beside the plan's items.

Nothing here keeps data between calls: the app holds a session's data in that session only.
"""
