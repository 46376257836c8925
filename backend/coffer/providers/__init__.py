"""The storage-system boundary: one interface (`base.StorageProvider`), one module per storage system."""
