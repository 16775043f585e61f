"""Window 4: employment and entrepreneurship guidance (就业创业指导服务)."""
