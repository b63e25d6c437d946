"""One sentence of our own for each CAMEO root class PLOVER codes, in the short
wire style of the CAMEO manual: the type and the CAMEO root (first two digits) the
coder gives it (ontology/data/event_triggers.tsv, event_nouns.tsv)."""
from __future__ import annotations

import pytest
from conftest import make_article

# (sentence, PLOVER type, CAMEO root)
CASES = [
    ("Kenya offered to mediate between the two Sudanese factions.", "AGREE", "03"),
    ("The Turkish foreign minister phoned his Greek counterpart on Tuesday.", "CONSULT",
     "04"),
    ("Egypt hosted the Palestinian president in Cairo on Monday.", "CONSULT", "04"),
    ("Brazil praised Argentina's handling of the debt talks.", "SUPPORT", "05"),
    ("France recognized the new government in Tripoli.", "SUPPORT", "05"),
    ("The two armies held joint exercises along the border.", "COOPERATE", "06"),
    ("The UN sent peacekeepers to the Central African Republic.", "AID", "07"),
    ("The government eased restrictions on opposition rallies.", "CONCEDE", "08"),
    ("Israel released 30 Palestinian prisoners on Thursday.", "RETREAT", "08"),
    ("Russia withdrew its troops from the border region.", "RETREAT", "08"),
    ("The ministry opened an investigation into the killing of the journalist.", "ACCUSE",
     "09"),
    ("The opposition demanded the resignation of the interior minister.", "REQUEST",
     "10"),
    ("Canada criticized China's treatment of detained activists.", "ACCUSE", "11"),
    ("Iran rejected the European proposal on its nuclear programme.", "REJECT", "12"),
    ("Hamas warned Israel of a harsh response.", "THREATEN", "13"),
    ("Thousands of students marched in Santiago to demand free education.", "PROTEST",
     "14"),
    ("Students staged a peaceful sit-in at the university campus in Dhaka.", "PROTEST",
     "14"),
    ("Azerbaijan mobilized reservists after the border clash.", "MOBILIZE", "15"),
    ("Russia expelled two Estonian diplomats.", "SANCTION", "16"),
    ("Police arrested the opposition leader in Harare.", "COERCE", "17"),
    ("Rebels occupied the regional capital.", "ASSAULT", "19"),
    ("Government forces regained control of the town of Kidal from the rebels.",
     "ASSAULT", "19"),
    ("Soldiers tortured detainees at the military base.", "ASSAULT", "18"),
    ("The air force bombed militant hideouts in the mountains.", "ASSAULT", "19"),
    ("Fierce fighting between the army and the rebels continued in the east.", "ASSAULT",
     "19"),
    ("Militias carried out a massacre of villagers in the province.", "ASSAULT", "20"),
    ("Germany urged Turkey to release the journalist.", "REQUEST", "02"),
]


@pytest.mark.parametrize(("text", "etype", "root"), CASES,
                         ids=[f"{i}-{c[1]}" for i, c in enumerate(CASES)])
def test_cameo_class(coder, text, etype, root):
    events = coder.code(make_article(text, published="2024-03-14T10:00:00Z")).events
    assert any(e.type == etype and e.cameo.startswith(root) for e in events), \
        [(e.type, e.cameo, e.trigger.text) for e in events]


@pytest.mark.parametrize(("text", "etype", "cameo"), [
    ("Turkey accepted 2,000 Syrian refugees last week.", "AID", "075"),
    ("Poland opened its borders to refugees fleeing the war.", "AID", "075"),
    ("Japan lent $2 billion to Sri Lanka for its recovery.", "AID", "071"),
    ("Ghana announced the deployment of 300 troops to Mali on a peacekeeping mission.",
     "AID", "074"),
    ("Hungary said it will not accept any more migrants.", "REJECT", "120"),
])
def test_refuge_loans_and_peacekeepers(coder, text, etype, cameo):
    events = coder.code(make_article(text, published="2024-03-14T10:00:00Z")).events
    assert any(e.type == etype and e.cameo == cameo for e in events), \
        [(e.type, e.cameo, e.trigger.text) for e in events]
