"""Plain Python helpers (no ORM): GS1, trace SQL, XLSX writing, barcode images."""
