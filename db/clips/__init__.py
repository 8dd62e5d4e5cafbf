"""The resident's footage: cameras, importing folders of clips, probing video files,
times from file names and containers, and reading the clips table."""
