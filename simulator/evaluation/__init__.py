"""Rule-based evaluator: turn labels, summary and ask checks, and the session scorecard."""

from .asks import AskCheck, check_ask
from .deal_review import DealReview, review_deal
from .faithfulness import SummaryCheck, check_summary
from .labels import MOVES, WINDOWS, TurnLabel, context_from, label_records, label_turn
from .scorecard import score_transcript
from .scorecard_models import ConcernReview, DimensionScore, Evidence, Judge, Rewrite, Scorecard, TurnReview

__all__ = [
    "MOVES",
    "WINDOWS",
    "AskCheck",
    "ConcernReview",
    "DealReview",
    "DimensionScore",
    "Evidence",
    "Judge",
    "Rewrite",
    "Scorecard",
    "SummaryCheck",
    "TurnLabel",
    "TurnReview",
    "check_ask",
    "check_summary",
    "context_from",
    "label_records",
    "label_turn",
    "review_deal",
    "score_transcript",
]
