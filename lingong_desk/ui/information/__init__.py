"""The information window (信息咨询): enquiry log, knowledge base, public job board."""
