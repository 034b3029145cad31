"""Members, animators and visitors on a running Levier, for locust.

Started by bench/bench_load.py, which seeds the database, writes the handles
(LEVIER_LOAD_HANDLES: a JSON file from bench/load/prepare.py), starts the
stack and reads locust's statistics. Each request is named after the page,
so the statistics hold one line per page.

- Member: signs in as the administrator of an organisation of its own (no two
  members share one), opens its draft assessment and a theme, answers
  questions through the autosave endpoint as htmx sends them (CSRF token,
  the answer's version; a conflict is resolved the way the page offers,
  "keep my answer"), reads its latest results, where to start and its plan.
- Animator: signs in, reads the network dashboard and the improvement report.
- Visitor: no account; the public agenda and a public event.
- Floor: the health check, the cheapest page there is, for comparison.

Every simulated person connects from an address of their own on the loopback
network (127.0.0.2, 127.0.0.3...), as people do from their own machines: the
limits Levier counts per address (sign-ins) see each of them apart.
"""

import ipaddress
import itertools
import json
import os
import random
import re
from pathlib import Path

from locust import HttpUser, between, constant, events, task
from locust.clients import LocustHttpAdapter
from urllib3 import PoolManager

HANDLES = json.loads(Path(os.environ["LEVIER_LOAD_HANDLES"]).read_text())
# Think time between two pages of one person, in seconds ("0" to press on).
WAIT = [float(s) for s in os.environ.get("LEVIER_LOAD_WAIT", "0.5,1.5").split(",")]
think = between(*WAIT) if len(WAIT) == 2 else constant(WAIT[0])

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# One question of the theme page: its fieldset, up to the next one.
QUESTION = re.compile(
    r'<fieldset id="q-(?P<code>[^"]+)" class="question[^"]*"(?P<attrs>[^>]*)>'
    r"(?P<body>.*?)</fieldset>",
    re.S,
)
ANSWER_URL = re.compile(r'hx-post="([^"]+/answers/[^"]+/)"')
REFUSED = re.compile(r'<span class="state-error"[^>]*>([^<]*)<')
CONFLICT = re.compile(r'name="[^"]+-override" value="(\d+)"')

_addresses = itertools.count(2)
_members = itertools.cycle(HANDLES["members"])


class Person(HttpUser):
    abstract = True
    wait_time = think

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        address = str(ipaddress.IPv4Address("127.0.0.0") + next(_addresses))
        adapter = LocustHttpAdapter(pool_manager=PoolManager(source_address=(address, 0)))
        self.client.mount("http://", adapter)

    def sign_in(self, email: str, role: str) -> None:
        page = self.client.get(HANDLES["sign_in"], name="sign-in form (anonymous)")
        self.client.post(
            HANDLES["sign_in"],
            {
                "login": email,
                "password": HANDLES["password"],
                "csrfmiddlewaretoken": csrf_token(page.text),
            },
            headers={"Referer": page.url},
            name=f"{role}: sign in",
        )
        if "sessionid" not in self.client.cookies:
            events.request.fire(
                request_type="CHECK",
                name=f"{role}: sign in",
                response_time=0,
                response_length=0,
                exception=AssertionError(f"{email} is not signed in"),
            )


def csrf_token(html: str) -> str:
    found = CSRF_FIELD.search(html)
    return found.group(1) if found else ""


class Member(Person):
    weight = 10

    def on_start(self):
        self.handle = next(_members)
        self.sign_in(self.handle["email"], "member")

    @task(2)
    def open_assessment(self):
        self.client.get(self.handle["assessment"], name="member: assessment")

    @task(6)
    def answer_questions(self):
        url = random.choice(self.handle["themes"])
        page = self.client.get(url, name="member: theme page")
        token = csrf_token(page.text)
        questions = [
            found
            for found in QUESTION.finditer(page.text)
            if " hidden" not in found["attrs"] and ANSWER_URL.search(found["attrs"])
        ]
        for found in random.sample(questions, min(3, len(questions))):
            self.autosave(url, token, found, stale=random.random() < 0.1)

    def autosave(self, page_url: str, token: str, found, stale: bool) -> None:
        """One question saved as htmx posts it on change; with ``stale``, saved twice
        from the same page (two tabs), so the second save meets the conflict rule."""
        code = found["code"]
        body = found["body"]
        form = {"csrfmiddlewaretoken": token, f"{code}-present": "1"}
        version = re.search(rf'name="{re.escape(code)}-version" value="(\d*)"', body)
        form[f"{code}-version"] = version.group(1) if version else ""
        levels = re.findall(rf'name="{re.escape(code)}-level" value="([^"]+)"', body)
        choices = re.findall(rf'name="{re.escape(code)}-levels" value="([^"]+)"', body)
        if levels:
            form[f"{code}-level"] = random.choice(levels)
        elif choices:
            # One box: some options exclude the others ("none of these").
            form[f"{code}-levels"] = [random.choice(choices)]
        elif f'name="{code}-value"' in body:
            form[f"{code}-value"] = str(random.randint(0, 100))
        elif f'name="{code}-text"' in body:
            form[f"{code}-text"] = "Nous en parlons chaque année avec l’équipe."
        else:
            return
        form[f"{code}-comment"] = random.choice(["", "Vu en comité de direction."])
        url = ANSWER_URL.search(found["attrs"]).group(1)
        headers = {"HX-Request": "true", "HX-Current-URL": page_url, "Referer": page_url}
        self.post_answer(url, form, headers, "member: autosave answer")
        if stale:
            # The same page posts again with the version it was opened with.
            form[f"{code}-comment"] = "Modifié depuis un autre onglet."
            self.post_answer(url, form, headers, "member: autosave answer (stale page)")

    def post_answer(self, url: str, form: dict, headers: dict, name: str) -> None:
        with self.client.post(url, form, headers=headers, name=name, catch_response=True) as saved:
            if saved.status_code != 200:
                saved.failure(f"status {saved.status_code}")
                return
            refused = REFUSED.search(saved.text)
            if refused:
                saved.failure(f"the answer was refused: {refused.group(1).strip()}")
                return
            conflict = CONFLICT.search(saved.text)
            if conflict is None:
                saved.success()
                return
            saved.success()
        # Someone saved since the page was opened: keep mine, as the page offers.
        code = next(key for key in form if key.endswith("-present"))[: -len("-present")]
        kept = {**form, f"{code}-override": conflict.group(1)}
        with self.client.post(
            url, kept, headers=headers, name="member: keep my answer", catch_response=True
        ) as resolved:
            if resolved.status_code != 200 or "state-saved" not in resolved.text:
                resolved.failure("keeping my answer did not save it")

    @task(3)
    def read_results(self):
        self.client.get(self.handle["results"], name="member: results")

    @task(2)
    def read_where_to_start(self):
        self.client.get(self.handle["where_to_start"], name="member: where to start")

    @task(1)
    def read_plan(self):
        self.client.get(self.handle["plan"], name="member: plan")


class Animator(Person):
    weight = 3

    def on_start(self):
        self.sign_in(random.choice(HANDLES["animators"]), "animator")

    @task(3)
    def read_dashboard(self):
        self.client.get(HANDLES["dashboard"], name="animator: dashboard")

    @task(1)
    def read_improvement_report(self):
        self.client.get(HANDLES["improvement_report"], name="animator: improvement report")


class Visitor(Person):
    weight = 5

    @task(2)
    def read_agenda(self):
        self.client.get(HANDLES["public_agenda"], name="visitor: public agenda")

    @task(1)
    def read_event(self):
        self.client.get(random.choice(HANDLES["public_events"]), name="visitor: public event")


class Floor(Person):
    weight = 2

    @task
    def health(self):
        self.client.get(HANDLES["floor"], name="floor: /healthz")
