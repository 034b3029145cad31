"""The carbon footprint engine: plain Python, no Django.

- ``units``: activity units (litres, kWh PCI, t.km, k€...) and their conversions, by pint;
- ``posts``: the SME categories of an inventory, mapped to GHG Protocol scopes and
  categories and to the French regulatory BEGES table;
- ``footprint``: lines -> emissions by scope, category and post, with uncertainty;
- ``levers``: the reduction an action brings, computed from the inventory's own lines;
- ``commuting``: a commuting survey's answers -> distances, mode shares, potentials;
- ``base_carbone``: reading a Base Carbone / Base Empreinte CSV export.
"""
