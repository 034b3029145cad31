"""The API's routers, one module per area; ``levier.api.api`` mounts them."""
