"""Care navigation: the hospital/doctor directory, CSV import, synthetic demo data, matching."""
