package dev.salespulse.web.http;

import dev.salespulse.streams.query.KpiQueryService;
import dev.salespulse.streams.query.LeaderboardService;
import dev.salespulse.streams.query.ScopeDirectory;
import dev.salespulse.streams.query.TableService;
import dev.salespulse.streams.query.TimeseriesService;

/** The query services the HTTP API answers from. */
public record Queries(
    KpiQueryService kpis,
    LeaderboardService leaderboard,
    TimeseriesService timeseries,
    ScopeDirectory scopes,
    TableService table) {}
