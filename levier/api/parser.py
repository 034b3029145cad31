"""Request bodies of the API are JSON objects: anything else is refused before
an operation runs. Without this, django-ninja let a PATCH whose body is a bare
number through as "nothing to change" (found by the schemathesis contract test)."""

import json

from ninja.parser import Parser


class ObjectBodyParser(Parser):
    def parse_body(self, request):
        data = json.loads(request.body)
        if not isinstance(data, dict):
            # django-ninja answers 400 "Cannot parse request body" to this.
            raise ValueError("The request body must be a JSON object.")
        return data
