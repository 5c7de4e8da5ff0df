"""Encrypted, durable storage for meetings: SQLCipher under sqlite-utils, keys, audit."""
