"""The personnel agency window (人事代理): personnel files in custody."""
