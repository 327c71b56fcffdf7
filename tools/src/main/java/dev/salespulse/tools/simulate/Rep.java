package dev.salespulse.tools.simulate;

/**
 * One sales rep of the simulated floor.
 *
 * @param repId stable id {@code rep-<n>}, n counted from 1
 * @param skill how much this rep sells relative to a median rep (1.0); between 0.25 and 4
 */
public record Rep(String repId, String name, String teamId, String region, double skill) {}
