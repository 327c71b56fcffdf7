package dev.salespulse.tools.simulate;

import java.math.BigDecimal;
import java.util.List;

/**
 * A product of the simulated catalogue.
 *
 * @param unitPrice in the reporting currency, at most 2 fraction digits
 * @param perSeat sold by the seat, so usually in tens rather than ones
 * @param popularity relative chance of appearing on an order line
 */
public record Sku(
    String sku, String category, BigDecimal unitPrice, boolean perSeat, double popularity) {

  /** The catalogue: hardware, software, services and support, from 24.99 to 4,899.00 a unit. */
  public static final List<Sku> CATALOGUE =
      List.of(
          sku("SKU-HW-LAPTOP", "hardware", "1249.00", false, 6),
          sku("SKU-HW-DOCK", "hardware", "189.99", false, 8),
          sku("SKU-HW-MONITOR", "hardware", "329.50", false, 8),
          sku("SKU-HW-HEADSET", "hardware", "79.95", false, 10),
          sku("SKU-HW-SERVER", "hardware", "4899.00", false, 1),
          sku("SKU-SW-CRM-SEAT", "software", "45.00", true, 10),
          sku("SKU-SW-SECURITY", "software", "24.99", true, 8),
          sku("SKU-SW-ANALYTICS", "software", "899.00", false, 4),
          sku("SKU-SW-BACKUP", "software", "149.00", false, 7),
          sku("SKU-SV-ONBOARDING", "services", "1500.00", false, 3),
          sku("SKU-SV-TRAINING", "services", "650.00", false, 4),
          sku("SKU-SV-CONSULT-DAY", "services", "1200.00", false, 2),
          sku("SKU-SV-MIGRATION", "services", "3750.00", false, 1),
          sku("SKU-SP-BASIC", "support", "99.00", false, 9),
          sku("SKU-SP-PREMIUM", "support", "349.00", false, 5),
          sku("SKU-SP-24X7", "support", "899.90", false, 2));

  private static Sku sku(
      String id, String category, String price, boolean perSeat, double popularity) {
    return new Sku(id, category, new BigDecimal(price), perSeat, popularity);
  }
}
