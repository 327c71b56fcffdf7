package dev.salespulse.tools.importer;

/** One record of an import file: the JSON object it stands for and the line it starts on. */
record ImportRecord(long line, byte[] json) {}
