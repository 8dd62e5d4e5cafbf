"""Storage: opening the database (one connection per thread, IMMEDIATE write
transactions), its named migrations, the data folder's paths, files written atomically,
and UTC time as stored."""
