"""The rules of a société à mission (loi PACTE), as plain Python: when the
independent verifier (OTI) must come, whether the committee's composition
complies, and how an indicator stands against its target."""
