"""What a document says about itself (metadata) and what it cites, each with its span in the text."""
