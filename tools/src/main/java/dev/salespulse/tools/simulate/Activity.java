package dev.salespulse.tools.simulate;

import java.math.BigDecimal;

/**
 * A simulated activity before it gets an id and a time.
 *
 * @param outcome only for {@code CALL}: {@code CONNECTED}, {@code NO_ANSWER} or {@code VOICEMAIL}
 * @param durationSeconds for calls, meetings and demos; null otherwise
 * @param dealValue only for {@code DEAL_WON} and {@code DEAL_LOST}
 */
record Activity(
    String type,
    String repId,
    String customerId,
    String outcome,
    Integer durationSeconds,
    BigDecimal dealValue) {}
