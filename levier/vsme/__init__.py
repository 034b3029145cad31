"""The VSME report: EFRAG's voluntary sustainability report for SMEs."""
