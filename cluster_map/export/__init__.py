"""Files for GIS users: GeoJSON, GeoPackage, Shapefile, KML and CSV in WGS 84, CGCS2000 or GCJ-02."""
