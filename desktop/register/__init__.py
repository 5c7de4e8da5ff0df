"""The team register: a PostgreSQL database an authority shares, fed by chairs' laptops.

Laptops stay offline-first. What is signed on a laptop waits in its outbox (in the encrypted
store) and is published when the register can be reached; what the team published is pulled
and verified, row by row, against its signature before the laptop uses it. The database
decides who may publish what (roles and row-level security) and refuses to change a published
row; the signatures decide whether a row is what its signer signed.
"""
