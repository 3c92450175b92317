"""Builders of the committed data: boundaries and neighbours from cnmaps, the gazetteer, records.csv."""
