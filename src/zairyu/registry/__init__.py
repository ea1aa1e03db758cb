"""Partnership certificates: issue, sign, verify, return, revoke and transfer them.

- `payload`: the compact signed payload a certificate's QR code carries, and the holder hash.
- `keys`: each issuer's Ed25519 keys, their rotation and the published key set.
- `network`: which issuers recognise each other's certificates (the national network and
  mutual-recognition agreements).
- `models`: the tables; `service`: the municipal workflow; `verify`: the third party's check.
- `certificate_pdf`: the printable certificate.
"""
