package dev.salespulse.web.webhook;

import java.time.Duration;
import java.util.Optional;

/**
 * How a source signs its requests, from its mapping file's {@code signature:} block.
 *
 * @param secretSetting the setting that holds the secret, {@code SALESPULSE_WEBHOOK_<NAME>_SECRET}
 *     (never the secret itself)
 * @param tolerance how far a signed timestamp may be from this server's clock (schemes with one)
 * @param header where a {@code hmac-sha256} signature is sent
 * @param encoding {@code base64} or {@code hex}, for {@code hmac-sha256}
 * @param prefix text before the signature in its header ({@code sha256=}), for {@code hmac-sha256}
 */
record SignatureSpec(
    SignatureScheme scheme,
    String secretSetting,
    Duration tolerance,
    Optional<String> header,
    String encoding,
    String prefix) {}
