import { getSupplierContractFile } from '@shared/contracts/purchasing.contract';
import { callFile } from '@web/lib/api';
import { saveBlob } from '@web/lib/download';

/** Downloads the contract's attached file under its uploaded name. */
export async function downloadSupplierContractFile(contractId: string, fallbackName: string): Promise<void> {
  const file = await callFile(getSupplierContractFile, { params: { contractId } });
  saveBlob(file.blob, file.filename ?? fallbackName);
}
