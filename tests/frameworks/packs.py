"""Small packs for the tests."""


def mini_pack(version: str, question: str = "Avez-vous une charte de télétravail ?") -> str:
    return f"""\
format: 1
id: mini-test
version: "{version}"
title: {{fr: Mini, en: Mini}}
description: {{fr: Un pack de test., en: A test pack.}}
pillars:
  - code: SOC
    title: {{fr: Social, en: Social}}
    themes:
      - code: SOC-QVT
        title: {{fr: Qualité de vie, en: Quality of life}}
        questions:
          - code: SOC-QVT-01
            type: yes_no
            text: {{fr: "{question}", en: "Do you have a charter?"}}
            options:
              - {{code: "no", points: 0}}
              - {{code: "yes", points: 2}}
"""


# Three faults: an unknown rule field (line 14), an option without points
# (line 19) and a missing English translation (line 22).
BROKEN_PACK = """\
format: 1
id: broken
version: "1.0.0"
title: {fr: Cassé, en: Broken}
description: {fr: Cassé, en: Broken}
pillars:
  - code: SOC
    title: {fr: Social, en: Social}
    themes:
      - code: SOC-QVT
        title: {fr: Qualité de vie, en: Quality of life}
        questions:
          - code: SOC-QVT-01
            applies_to: {sizes: [micro]}
            type: single_choice
            text: {fr: "Quel niveau ?", en: "Which level?"}
            options:
              - {code: none, label: {fr: Rien, en: Nothing}, points: 0}
              - {code: some, label: {fr: Un peu, en: Some}}
          - code: SOC-QVT-02
            type: yes_no
            text: {fr: "Une autre ?"}
            options:
              - {code: "no", points: 0}
              - {code: "yes", points: 1}
"""
