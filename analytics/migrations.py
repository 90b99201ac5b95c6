"""The schema of the Kundfokus database as a list of migrations.

Each migration brings the schema from version i to i + 1; `Store` applies the missing ones
in one transaction when it opens a file. Append, never edit: a database made by an older
version upgrades by running what it lacks.
"""

from __future__ import annotations

__all__ = ["MIGRATIONS", "SCHEMA_VERSION"]

# Each migration brings the schema from version i to i + 1. Append, never edit.
MIGRATIONS: tuple[str, ...] = (
    """
    create sequence dataset_seq start 1;
    create sequence import_seq start 1;
    create table datasets (
        dataset_id integer primary key default nextval('dataset_seq'),
        name varchar not null unique,
        is_demo boolean not null default false,
        created_at timestamp not null default current_timestamp
    );
    create table imports (
        import_id integer primary key default nextval('import_seq'),
        dataset_id integer not null,
        kind varchar not null,              -- 'sales' or 'customers'
        file_name varchar not null,
        content_hash varchar not null,
        file_bytes bigint,
        encoding varchar,
        delimiter varchar,
        sheets varchar,
        mapping json,
        cost_source varchar,                -- 'cost', 'margin', 'margin_pct', 'none'
        rows_read bigint,
        rows_loaded bigint,
        rows_rejected bigint,
        revenue_loaded double,
        revenue_rejected double,
        duplicate_lines bigint,
        replaced_lines bigint,
        first_date date,
        last_date date,
        warnings json,
        imported_at timestamp not null default current_timestamp
    );
    create table sales_lines (
        dataset_id integer not null,
        import_id integer not null,
        line_no bigint not null,
        sheet varchar,
        customer_id varchar not null,
        customer_name varchar,
        invoice_date date not null,
        invoice_number varchar,
        revenue double not null,
        cost double,                        -- null when the export says nothing about cost
        quantity double,
        unit_price double,
        product varchar,
        product_group varchar,
        due_date date,
        paid_date date,
        salesperson varchar,
        region varchar,
        segment varchar
    );
    create table rejected_rows (
        import_id integer not null,
        line_no bigint not null,
        sheet varchar,
        reason varchar not null,
        revenue double,                     -- the amount when it could be read
        raw json not null
    );
    create table customers (
        dataset_id integer not null,
        customer_id varchar not null,
        customer_name varchar,
        segment varchar,
        region varchar,
        key_account_manager varchar,
        satisfaction double,
        nps double,
        import_id integer,
        updated_at timestamp not null default current_timestamp,
        primary key (dataset_id, customer_id)
    );
    create table import_profiles (
        name varchar primary key,
        signature varchar not null,
        mapping json not null,
        saved_at timestamp not null default current_timestamp
    );
    """,
    """
    create table weight_sets (
        name varchar primary key,
        weights json not null,              -- {criterion key: non-negative weight}
        saved_at timestamp not null default current_timestamp
    );
    create table team_scores (
        dataset_id integer not null,
        customer_id varchar not null,
        criterion varchar not null,         -- a team criterion key of analytics.scoring
        value double not null,              -- 1 to 5
        assessed_by varchar,
        assessed_at timestamp not null default current_timestamp,
        primary key (dataset_id, customer_id, criterion)
    );
    """,
    # Money is exact: amounts as decimals with four decimals (sums of them as 38 digits),
    # and every data set has the currency its amounts are in (existing ones: SEK, the
    # only currency before). A rejected amount too large for the type is dropped.
    """
    alter table sales_lines alter revenue type decimal(18,4);
    alter table sales_lines alter cost type decimal(18,4);
    alter table sales_lines alter unit_price type decimal(18,4);
    alter table rejected_rows alter revenue type decimal(18,4)
        using case when abs(revenue) < 1e14 then revenue end;
    alter table imports alter revenue_loaded type decimal(38,4);
    alter table imports alter revenue_rejected type decimal(38,4);
    alter table imports add column currency varchar;
    alter table datasets add column currency varchar default 'SEK';
    update datasets set currency = 'SEK' where currency is null;
    update imports set currency = 'SEK' where kind = 'sales' and currency is null;
    """,
    # The focus list's weights of each data set: one state that every page reads and
    # that survives moving between pages and a reload. No row = the default weights.
    """
    create table dataset_weights (
        dataset_id integer primary key,
        weights json not null,              -- {criterion key: non-negative weight}
        saved_at timestamp not null default current_timestamp
    );
    """,
    # The team's answers to the health check "Har du koll på dina kunder?": one dated
    # answer per data set and question (1–14).
    """
    create table if not exists health_answers (
        dataset_id integer not null,
        question integer not null,          -- 1 to 14
        answer varchar not null,            -- 'yes', 'partly' or 'no'
        note varchar not null default '',
        answered_by varchar,
        answered_at timestamp not null default current_timestamp,
        primary key (dataset_id, question)
    );
    """,
    # Workshops: each participant's own weights and 1–5 assessments, the facilitator's
    # pins and exclusions, and the dated decisions (never changed once saved).
    """
    create sequence if not exists workshop_seq start 1;
    create sequence if not exists decision_seq start 1;
    create table if not exists workshops (
        workshop_id integer primary key default nextval('workshop_seq'),
        name varchar not null unique,
        code varchar not null unique,       -- the short join code
        dataset_id integer not null,
        period varchar not null,            -- a period spec: all, 12m or FROM:TO
        top_n integer not null,
        created_at timestamp not null default current_timestamp
    );
    create table if not exists workshop_participants (
        workshop_id integer not null,
        name varchar not null,
        weights json,                       -- null until the participant saves weights
        joined_at timestamp not null default current_timestamp,
        weights_at timestamp,
        primary key (workshop_id, name)
    );
    create table if not exists workshop_scores (
        workshop_id integer not null,
        participant varchar not null,
        customer_id varchar not null,
        criterion varchar not null,         -- a team criterion key of analytics.scoring
        value double not null,              -- 1 to 5
        assessed_at timestamp not null default current_timestamp,
        primary key (workshop_id, participant, customer_id, criterion)
    );
    create table if not exists workshop_overrides (
        workshop_id integer not null,
        customer_id varchar not null,
        kind varchar not null,              -- 'pin' or 'exclude'
        reason varchar not null,
        set_at timestamp not null default current_timestamp,
        primary key (workshop_id, customer_id)
    );
    create table if not exists decisions (
        decision_id integer primary key default nextval('decision_seq'),
        name varchar not null unique,
        decided_on date not null,
        decided_at timestamp not null default current_timestamp,
        workshop_name varchar,
        dataset_id integer not null,
        dataset_name varchar not null,
        period varchar not null,            -- the spec, resolved again for a later state
        period_from date not null,
        period_to date not null,
        weights json not null,              -- {criterion: points}
        participants json not null,         -- [names]
        tier_shares json not null,          -- [A share, B share]
        top_n integer not null,
        notes varchar not null default ''
    );
    create table if not exists decision_customers (
        decision_id integer not null,
        customer_id varchar not null,
        customer_name varchar,
        rank integer,                       -- null for an excluded customer
        tier varchar,                       -- A/B/C, null for an excluded customer
        score double not null,
        override varchar,                   -- 'pin', 'exclude' or null
        reason varchar,
        primary key (decision_id, customer_id)
    );
    create table if not exists decision_values (
        decision_id integer not null,
        customer_id varchar not null,
        criterion varchar not null,
        value double,                       -- the criterion's raw value (null = unknown)
        contribution double,                -- points of the score (null when unweighted)
        primary key (decision_id, customer_id, criterion)
    );
    """,
    # Cost models: the unit costs of serving a customer (an order, a line, a credit note
    # …), saved by name per data set; at most one of them is the one in use.
    """
    create table if not exists cost_models (
        dataset_id integer not null,
        name varchar not null,
        costs json not null,                -- {unit cost key: decimal as text}
        in_use boolean not null default false,
        saved_at timestamp not null default current_timestamp,
        primary key (dataset_id, name)
    );
    """,
    # Customer plans: the team list, a plan per (data set name, customer number) — by
    # name, so a plan outlives re-imports and replaced periods — with its contacts,
    # goals and activities; every change appended to `plan_changes` (nothing is deleted:
    # rows are archived), and the weekly board of each past week as it was recorded.
    """
    create sequence if not exists plan_seq start 1;
    create sequence if not exists plan_contact_seq start 1;
    create sequence if not exists plan_goal_seq start 1;
    create sequence if not exists plan_activity_seq start 1;
    create sequence if not exists plan_change_seq start 1;
    create table if not exists team_members (
        person varchar primary key,         -- the name owners are chosen by
        role varchar not null default '',
        email varchar not null default '',
        archived boolean not null default false
    );
    create table if not exists plans (
        plan_id integer primary key default nextval('plan_seq'),
        dataset_name varchar not null,
        customer_id varchar not null,
        started_on date not null,           -- targets count sales from this day
        trust integer,                      -- their trust in us, 1 to 5
        choice varchar,                     -- we are their 'first', 'second', 'third' choice
        direction varchar not null default '',  -- where they head in 12-18 months
        notes varchar not null default '',
        archived boolean not null default false
    );
    create table if not exists plan_contacts (
        contact_id integer primary key default nextval('plan_contact_seq'),
        plan_id integer not null,
        name varchar not null,
        role varchar not null default '',   -- CFO, buyer, user ...
        view varchar not null default 'unknown',  -- advocate, neutral, critic, unknown
        note varchar not null default '',
        archived boolean not null default false
    );
    create table if not exists plan_goals (
        goal_id integer primary key default nextval('plan_goal_seq'),
        plan_id integer not null,
        kind varchar not null,              -- revenue, margin, share_of_wallet, nps, free
        title varchar not null default '',
        target decimal(18,4),               -- money in the data set's currency, % or NPS
        measured decimal(18,4),             -- the latest measured value (share, NPS)
        starts_on date not null,
        ends_on date not null,
        closed_on date,                     -- set when the goal is closed
        result varchar,                     -- achieved, missed (when closed)
        follows integer,                    -- the goal this one rolled forward from
        archived boolean not null default false
    );
    create table if not exists plan_activities (
        activity_id integer primary key default nextval('plan_activity_seq'),
        plan_id integer not null,
        goal_id integer,
        title varchar not null,
        owner varchar,                      -- a person of team_members
        due date,
        status varchar not null default 'planned',  -- planned, in_progress, done, cancelled
        completed_on date,                  -- the day it was marked done
        outcome varchar not null default '',
        archived boolean not null default false
    );
    create table if not exists plan_changes (
        change_id bigint primary key default nextval('plan_change_seq'),
        entity varchar not null,            -- team, plan, contact, goal, activity
        entity_id varchar not null,
        plan_id integer,
        action varchar not null,            -- create, update, archive, restore, close
        changes json not null,              -- {field: [before, after]}
        state json not null,                -- the whole row after the change
        changed_by varchar,
        changed_at timestamp not null
    );
    create table if not exists board_weeks (
        dataset_name varchar not null,
        week varchar not null,              -- ISO week, YYYY-Www
        recorded_at timestamp not null,
        board json not null,                -- the board as it was shown
        primary key (dataset_name, week)
    );
    """,
    # Optional details of a sales line that the cost to serve counts when an export has
    # them: units returned, the delivery day, freight charged and its cost to us, the
    # discount given, the sales channel and the delivery method (null: not in the export).
    """
    alter table sales_lines add column if not exists returned_quantity decimal(18,4);
    alter table sales_lines add column if not exists delivery_date date;
    alter table sales_lines add column if not exists freight_charged decimal(18,4);
    alter table sales_lines add column if not exists freight_cost decimal(18,4);
    alter table sales_lines add column if not exists discount decimal(18,4);
    alter table sales_lines add column if not exists channel varchar;
    alter table sales_lines add column if not exists delivery_method varchar;
    """,
    # The team's call on each unprofitable customer of a data set (health check question
    # 4): 4a end the relationship, or 4b it pays off over time; dated, one per customer.
    """
    create table if not exists unprofitable_calls (
        dataset_id integer not null,
        customer_id varchar not null,
        call varchar not null,              -- 'end' (4a) or 'pays_off' (4b)
        note varchar not null default '',
        decided_by varchar,
        decided_at timestamp not null default current_timestamp,
        primary key (dataset_id, customer_id)
    );
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
