"""EFRAG's VSME standard: its digital template and the report's datapoints."""
