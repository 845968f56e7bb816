-- One role and one database per service, as ./platform makes them locally.
CREATE ROLE wanjia_household LOGIN PASSWORD 'wanjia-local';
CREATE ROLE wanjia_placement LOGIN PASSWORD 'wanjia-local';
CREATE ROLE wanjia_deadline LOGIN PASSWORD 'wanjia-local';
CREATE ROLE wanjia_reporting LOGIN PASSWORD 'wanjia-local';
CREATE DATABASE wanjia_household OWNER wanjia_household ENCODING 'UTF8' TEMPLATE template0;
CREATE DATABASE wanjia_placement OWNER wanjia_placement ENCODING 'UTF8' TEMPLATE template0;
CREATE DATABASE wanjia_deadline OWNER wanjia_deadline ENCODING 'UTF8' TEMPLATE template0;
CREATE DATABASE wanjia_reporting OWNER wanjia_reporting ENCODING 'UTF8' TEMPLATE template0;
