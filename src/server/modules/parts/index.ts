// The public door of the parts module: the only file other modules import.
export { registerPartsJobs } from './parts.jobs';
export { findVanOf } from './parts.repository';
export { registerPartsRoutes } from './parts.routes';
export { createPart, getPart, type PartFields } from './use-cases/catalog';
export { type SeedStockLocationsInput, seedStockLocations } from './use-cases/locations';
export { type OpenOldPartReturnInput, openOldPartReturn } from './use-cases/old-part-returns';
export { postStockMovement } from './use-cases/post-stock-movement';
export { type CreateRequisitionInput, createRequisition } from './use-cases/requisitions';
export { type OpeningStock, seedPartsCatalog } from './use-cases/seed-catalog';
export { type ContractSeed, type SupplierSeed, seedSuppliers } from './use-cases/seed-purchasing';
export {
  type HistoryActor,
  type HistoryOrder,
  type HistoryUnit,
  type StockHistory,
  shanghaiDay,
  startStockHistory,
} from './use-cases/seed-stock-history';
export { getStockBalances } from './use-cases/stock-queries';
export { computeSupplierEvaluations } from './use-cases/supplier-evaluations';
export {
  type ContractInput,
  createSupplier,
  createSupplierContract,
  type SupplierFields,
} from './use-cases/suppliers';
