"""Text components: normalisation that keeps offsets, and sentence segmentation."""
