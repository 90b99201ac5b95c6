"""Workshops: every participant's own weights and 1–5 assessments, and the consensus.

A workshop belongs to one data set and period. Each participant saves their own weights
(the focus list's criteria, any scale) and their own 1–5 assessments of the team
criteria; a save touches only that participant's rows. The consensus is computed, never
stored: mean weight shares, mean assessments, the list they give (with the facilitator's
pins and exclusions), and agreement between the participants' own top lists.

Weights are compared as shares (0–1 of each participant's total), so a participant who
uses 0–10 and one who uses 0–100 count the same. Scores, ranks and tiers come from
`analytics.scoring.score_customers`; a participant's own list uses their own assessment
where they gave one and the data set's stored value (the team assessment, the customer
master's satisfaction) elsewhere. The consensus list uses the mean of the participants'
assessments the same way.

The modules: `records` (what is stored) and `consensus` (what is computed from it).
"""

from __future__ import annotations

from analytics.workshop.consensus import (
    Consensus,
    agreement,
    apply_assessments,
    apply_overrides,
    assessment_summary,
    consensus,
    consensus_customers,
    consensus_weights,
    discussion_queue,
    participant_list,
    participant_shares,
    weight_consensus,
)
from analytics.workshop.records import (
    CODE_ALPHABET,
    OVERRIDE_KINDS,
    OverrideKind,
    clear_override,
    create_workshop,
    find_workshop,
    join_workshop,
    overrides,
    participant_weights,
    participants,
    save_participant_scores,
    save_participant_weights,
    set_override,
    workshop_scores,
    workshops,
)

__all__ = [
    "CODE_ALPHABET",
    "OVERRIDE_KINDS",
    "Consensus",
    "OverrideKind",
    "agreement",
    "apply_assessments",
    "apply_overrides",
    "assessment_summary",
    "clear_override",
    "consensus",
    "consensus_customers",
    "consensus_weights",
    "create_workshop",
    "discussion_queue",
    "find_workshop",
    "join_workshop",
    "overrides",
    "participant_list",
    "participant_shares",
    "participant_weights",
    "participants",
    "save_participant_scores",
    "save_participant_weights",
    "set_override",
    "weight_consensus",
    "workshop_scores",
    "workshops",
]
