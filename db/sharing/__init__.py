"""From decisions to what leaves the machine: decisions per clip, cutting
excerpts, building and reading share packages (the package format), delivery by upload,
and retention follow-up."""
