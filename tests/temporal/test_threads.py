"""tag_time shares one rule pipeline between threads (the dashboard tags uploads in its
server threads): every thread must get exactly the values one thread alone gets."""
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

from timeline.temporal import tag_time

SENTENCES = [
    "The talks resumed on Friday and will end on {day} {month}.",
    "Officials said {n} years ago the plant closed; it reopens next {weekday}.",
    "A year and a half ago prices rose; since {month} they have fallen for {n} weeks.",
    "The vote, postponed until {weekday}, follows the {n}th of {month} deadline.",
    "In the third quarter profit rose; a year earlier it fell. The quarter ended Sept. 30.",
    "She met him at 6 p.m. on {weekday} and again {n} days later, in the spring of 19{yy}.",
]
MONTHS = ["January", "March", "May", "August", "October", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def corpus() -> list[tuple[str, date]]:
    """200 different texts, each with its own reference date."""
    out = []
    for k in range(200):
        text = " ".join(s.format(day=1 + k % 28, month=MONTHS[(k + j) % 6], weekday=WEEKDAYS[(k + j) % 7],
                                 n=2 + (k + j) % 9, yy=10 + k % 90)
                        for j, s in enumerate(SENTENCES[k % 3:] + SENTENCES[:k % 3]))
        # a paragraph of history: its story's time, which a date told aside does not move
        history = (f"In March 19{10 + k % 80} the offensive began. The council had been created on "
                   f"{1 + k % 28} November 19{9 + k % 80}. On 15 July, the last attack began.")
        out.append((f"Story {k}. {text}\n\n{history}", date(2024, 1, 1) + timedelta(days=7 * k + k % 5)))
    return out


def outcome(item):
    text, dct = item
    return [(t.start, t.end, t.type, t.value, t.anchor, t.direction, t.mod) for t in tag_time(text, dct)]


def test_eight_threads_get_exactly_the_single_thread_values():
    texts = corpus()
    assert len({text for text, _ in texts}) == 200
    alone = [outcome(item) for item in texts]
    assert sum(map(len, alone)) > 1000  # the texts hold many expressions of many kinds
    for _ in range(3):
        with ThreadPoolExecutor(max_workers=8) as pool:
            together = list(pool.map(outcome, texts, timeout=120))
        assert together == alone
