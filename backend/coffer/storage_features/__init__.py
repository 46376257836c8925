"""What the storage system offers of buckets and objects, so the console shows only what works."""
