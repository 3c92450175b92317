"""Builders of the committed data: boundaries and neighbours from cnmaps, the gazetteer, the plan items."""
