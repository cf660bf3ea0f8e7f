// The public door of the parts module: the only file other modules import.
export { registerPartsRoutes } from './parts.routes';
export { createPart, type PartFields } from './use-cases/catalog';
export { type SeedStockLocationsInput, seedStockLocations } from './use-cases/locations';
export { postStockMovement } from './use-cases/post-stock-movement';
export { type OpeningStock, seedPartsCatalog } from './use-cases/seed-catalog';
