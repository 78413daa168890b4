#!/usr/bin/python3
"""Mapnik's side of the render benchmark: the provinces and countries of geodata/bordermap.gpkg in bordermap's
regional CRS, filled and outlined, zoomed to Afghanistan and Pakistan, to a PNG of the given size.
    mapnik_render.py GPKG OUT.png WIDTH HEIGHT
"""
import sys

import mapnik

LCC = ("+proj=lcc +lat_0=33 +lon_0=69 +lat_1=30.3333333333333 +lat_2=35.6666666666667 +x_0=0 +y_0=0 "
       "+datum=WGS84 +units=m +no_defs")


def layer(gpkg, name, style):
    lyr = mapnik.Layer(name, "+proj=longlat +datum=WGS84 +no_defs")
    lyr.datasource = mapnik.Ogr(file=gpkg, layer=name)
    lyr.styles.append(style)
    return lyr


def main():
    gpkg, out, width, height = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    m = mapnik.Map(width, height, LCC)
    m.background = mapnik.Color("#d6e2eb")
    for name, fill, stroke, width_px in (("countries", "#e9e7e1", "#6e6e6e", 1.4), ("provinces", "#f5ecd6", "#969696", 0.8)):
        style = mapnik.Style()
        rule = mapnik.Rule()
        polygon = mapnik.PolygonSymbolizer()
        polygon.fill = mapnik.Color(fill)
        rule.symbols.append(polygon)
        line = mapnik.LineSymbolizer()
        line.stroke = mapnik.Color(stroke)
        line.stroke_width = width_px
        rule.symbols.append(line)
        style.rules.append(rule)
        m.append_style(name, style)
        m.layers.append(layer(gpkg, name, name))
    # Afghanistan and Pakistan: the provinces layer's extent, as bordermap render's default.
    m.zoom_to_box(mapnik.ProjTransform(mapnik.Projection("+proj=longlat +datum=WGS84 +no_defs"),
                                       mapnik.Projection(LCC)).forward(m.layers[1].envelope()))
    mapnik.render_to_file(m, out, "png")


if __name__ == "__main__":
    main()
