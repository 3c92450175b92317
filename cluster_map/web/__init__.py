"""The folium map: layers from layers/*.toml, popups, legend, base maps and the local JavaScript runtime."""
