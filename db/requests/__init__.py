"""Agency requests: parsing and validating documents and feeds, signatures, areas
and geodesic geometry, the resident's rules, matching clips, agencies, feeds and the
inbox's reads."""
